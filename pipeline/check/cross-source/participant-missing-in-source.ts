import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import type { Evidence } from '../../../schemas/evidence.js';
import type { Membership } from '../../../schemas/membership.js';
import { byAge, type CrossSourceInput, displayName, newest, report } from './context.js';

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
    const headings = new Map<string, Evidence>();
    for (const e of forum.evidence) if (!headings.has(e.sourceId)) headings.set(e.sourceId, e);
    const oldestFirst = byAge(input, [...forum.sourceIds, ...kindsBySource.keys()]);
    for (const silent of forum.sourceIds) {
      const listed = kindsBySource.get(silent);
      const heading = headings.get(silent);
      if (!listed || !heading) continue;
      const missing = memberships.filter((m) => !claimedBy.get(m)?.has(silent) && listed.has(kindOf(m.claims[m.claims.length - 1]?.role ?? m.role)));
      if (missing.length === 0) continue;
      const said = missing.map((m) => m.evidence.find((e) => e.sourceId !== silent)).filter((e): e is Evidence => e !== undefined);
      const namingSet = new Set(missing.flatMap((m) => m.claims.map((c) => c.sourceId)));
      const naming = oldestFirst.filter((id) => namingSet.has(id));
      const sourceIds = oldestFirst.filter((id) => namingSet.has(id) || id === silent);
      const newer = newest(input, sourceIds);
      const names = missing.slice(0, SHOWN).map((m) => displayName(input, m.authorityId));
      const more = missing.length > SHOWN ? ` and ${missing.length - SHOWN} more` : '';
      const others = naming.length === 1 ? naming[0] : `${naming.length} other sources`;
      const reason = `Unexpected absence of ${names.join(', ')}${more} from this source's account of the forum, expected ${missing.length === 1 ? 'it' : 'them'} as ${others} list${naming.length === 1 ? 's' : ''} ${missing.length === 1 ? 'it' : 'them'}${newer ? ` (the newest source is ${newer})` : ''}`;
      report(input, ruleId, reason, heading, said[0]);
      checks.push({
        id: `${forum.id}--${ruleId}--${silent}`,
        forumId: forum.id,
        rule: 'participant-missing-in-source',
        authorityIds: missing.map((m) => m.authorityId).sort(),
        sourceIds,
        ...(newer ? { newerSourceId: newer } : {}),
        message: reason,
        evidence: [heading, ...said.slice(0, SHOWN)],
      });
    }
  }
  return checks;
}
