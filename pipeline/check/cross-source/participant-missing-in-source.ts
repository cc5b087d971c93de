import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import type { Evidence } from '../../../schemas/evidence.js';
import type { Membership } from '../../../schemas/membership.js';
import { compareCodeUnits } from '../../util/compare.js';
import { byAge, type CrossSourceInput, displayName, newestInAgeOrder, report } from './context.js';

export const ruleId = 'participant-missing-in-source';

/** Enough names and places in one finding to act on, without repeating a long list. */
const SHOWN = 5;

const kindOf = (role: string) => (role === 'network-member' ? 'network' : 'members');

/**
 * Participants that other sources list for a forum and one source of the same forum does not
 * name at all: one finding per forum and silent source. A source that lists no network
 * authorities says nothing about them; partners (named for one piece of work) are left out.
 */
export function participantMissingInSource(input: CrossSourceInput): CrossSourceCheck[] {
  const checks: CrossSourceCheck[] = [];
  const byForum = new Map<string, Membership[]>();
  for (const m of input.memberships) {
    if (m.role === 'partner') continue;
    const list = byForum.get(m.forumId);
    if (list) list.push(m);
    else byForum.set(m.forumId, [m]);
  }
  for (const forum of input.forums) {
    if (forum.sourceIds.length < 2) continue;
    const memberships = byForum.get(forum.id) ?? [];
    const kindsBySource = new Map<string, Set<string>>();
    for (const m of memberships) for (const c of m.claims) kindsBySource.set(c.sourceId, (kindsBySource.get(c.sourceId) ?? new Set()).add(kindOf(c.role)));
    // Computed once per forum, not per source: a forum many pages describe has many of both.
    const claimedBy = new Map(memberships.map((m) => [m, new Set(m.claims.map((c) => c.sourceId))]));
    const kinds = new Map(memberships.map((m) => [m, kindOf(m.claims[m.claims.length - 1]?.role ?? m.role)]));
    // the finding lists the missing ids sorted: taken from the memberships sorted once
    const byAuthority = [...memberships].sort((a, b) => compareCodeUnits(a.authorityId, b.authorityId));
    const headings = new Map<string, Evidence>();
    for (const e of forum.evidence) if (!headings.has(e.sourceId)) headings.set(e.sourceId, e);
    const oldestFirst = byAge(input, [...forum.sourceIds, ...kindsBySource.keys()]);
    // Which sources claim each membership, as bits by place in oldestFirst: the sources that name
    // one of a silent source's missing participants are then the union of a few such rows, not a
    // scan of every source's claims for every silent source (hundreds of each for a forum many
    // pages describe).
    const place = new Map(oldestFirst.map((id, k) => [id, k]));
    const words = (oldestFirst.length + 31) >>> 5;
    const claimers = new Map<Membership, Uint32Array>();
    for (const [m, ids] of claimedBy) {
      const row = new Uint32Array(words);
      for (const id of ids) {
        const k = place.get(id) as number;
        row[k >>> 5] = (row[k >>> 5] as number) | (1 << (k & 31));
      }
      claimers.set(m, row);
    }
    const union = new Uint32Array(words);
    for (const silent of forum.sourceIds) {
      const listed = kindsBySource.get(silent);
      const heading = headings.get(silent);
      if (!listed || !heading) continue;
      const isMissing = (m: Membership) => !claimedBy.get(m)?.has(silent) && listed.has(kinds.get(m) as string);
      const missing = byAuthority.filter(isMissing);
      if (missing.length === 0) continue;
      const authorityIds = missing.map((m) => m.authorityId);
      // only the first few missing are named and placed
      const shown: Membership[] = [];
      const said: Evidence[] = [];
      for (const m of memberships) {
        if (shown.length === SHOWN && said.length === SHOWN) break;
        if (!isMissing(m)) continue;
        if (shown.length < SHOWN) shown.push(m);
        const e = said.length < SHOWN ? m.evidence.find((x) => x.sourceId !== silent) : undefined;
        if (e) said.push(e);
      }
      // the sources that claim one of the missing, oldest first
      union.fill(0);
      for (const m of missing) {
        const row = claimers.get(m) as Uint32Array;
        for (let w = 0; w < words; w++) union[w] = (union[w] as number) | (row[w] as number);
      }
      const naming: string[] = [];
      const sourceIds: string[] = [];
      oldestFirst.forEach((id, k) => {
        const claimsOne = id !== silent && ((union[k >>> 5] as number) & (1 << (k & 31))) !== 0;
        if (claimsOne) naming.push(id);
        if (claimsOne || id === silent) sourceIds.push(id);
      });
      const newer = newestInAgeOrder(input, sourceIds);
      const count = authorityIds.length;
      const names = shown.map((m) => displayName(input, m.authorityId));
      const more = count > SHOWN ? ` and ${count - SHOWN} more` : '';
      const others = naming.length === 1 ? naming[0] : `${naming.length} other sources`;
      const reason = `Unexpected absence of ${names.join(', ')}${more} from this source's account of the forum, expected ${count === 1 ? 'it' : 'them'} as ${others} list${naming.length === 1 ? 's' : ''} ${count === 1 ? 'it' : 'them'}${newer ? ` (the newest source is ${newer})` : ''}`;
      report(input, ruleId, reason, heading, said[0]);
      checks.push({
        id: `${forum.id}--${ruleId}--${silent}`,
        forumId: forum.id,
        rule: 'participant-missing-in-source',
        authorityIds,
        sourceIds,
        ...(newer ? { newerSourceId: newer } : {}),
        message: reason,
        evidence: [heading, ...said],
      });
    }
  }
  return checks;
}
