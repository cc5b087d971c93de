import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import { byAge, type CrossSourceInput, displayName, newest, report } from './context.js';

export const ruleId = 'participant-missing-in-source';

/**
 * A participant that one source lists for a forum and another source of the same forum does
 * not name at all. Partners (named for one piece of work) are left out.
 */
export function participantMissingInSource(input: CrossSourceInput): CrossSourceCheck[] {
  const checks: CrossSourceCheck[] = [];
  for (const forum of input.forums) {
    if (forum.sourceIds.length < 2) continue;
    const forumMemberships = input.memberships.filter((x) => x.forumId === forum.id && x.role !== 'partner');
    // A source is silent about a participant only if it lists that kind of participant at all:
    // a page that names no network authorities says nothing about them.
    const kindOf = (role: string) => (role === 'network-member' ? 'network' : 'members');
    const listsKind = (sourceId: string, kind: string) => forumMemberships.some((x) => x.claims.some((c) => c.sourceId === sourceId && kindOf(c.role) === kind));
    for (const m of forumMemberships) {
      const naming = m.claims.map((c) => c.sourceId);
      const kind = kindOf(m.claims[m.claims.length - 1]?.role ?? m.role);
      for (const silent of forum.sourceIds.filter((s) => !naming.includes(s) && listsKind(s, kind))) {
        const heading = forum.evidence.find((e) => e.sourceId === silent);
        const said = m.evidence.find((e) => e.sourceId !== silent);
        if (!heading || !said) continue;
        const sourceIds = byAge(input, [...naming, silent]);
        const newer = newest(input, sourceIds);
        const names = displayName(input, m.authorityId);
        const reason = `Unexpected absence of ${names} from this source's account of the forum, expected it as ${m.claims[0]?.role ?? m.role} as ${naming.join(', ')} says${newer ? ` (the newest source is ${newer})` : ''}`;
        report(input, ruleId, reason, heading, said);
        checks.push({
          id: `${forum.id}--${ruleId}--${m.authorityId}--${silent}`,
          forumId: forum.id,
          rule: 'participant-missing-in-source',
          authorityIds: [m.authorityId],
          sourceIds,
          ...(newer ? { newerSourceId: newer } : {}),
          message: reason,
          evidence: [heading, said],
        });
      }
    }
  }
  return checks;
}
