import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import { compareCodeUnits } from '../../util/compare.js';
import { byAge, type CrossSourceInput, groupKey, groupsByKey, displayName, newest, report } from './context.js';

export const ruleId = 'count-explained-by-other-source';

/**
 * A count that fails on one page (fewer listed than stated) while another page lists the
 * missing participants of the same group: the report names them.
 */
export function countExplainedByOtherSource(input: CrossSourceInput): CrossSourceCheck[] {
  const checks: CrossSourceCheck[] = [];
  const byKey = groupsByKey(input.groups);
  // each group's participants once, not once per pair of sources
  const distinct = new Map(input.groups.map((g) => [g, new Set(g.members.map((m) => m.authorityId))]));
  for (const g of input.groups) {
    const listed = distinct.get(g) as Set<string>;
    for (const count of g.counts) {
      if (listed.size === 0 || count.value <= listed.size) continue;
      const others = (byKey.get(groupKey(g)) ?? []).filter((o) => o !== g && o.sourceId !== g.sourceId);
      for (const other of others) {
        const missing: string[] = [];
        for (const id of distinct.get(other) ?? []) if (!listed.has(id)) missing.push(id);
        if (missing.length === 0 || listed.size + missing.length > count.value) continue;
        missing.sort(compareCodeUnits);
        const names = missing.map((id) => displayName(input, id));
        const sourceIds = byAge(input, [g.sourceId, other.sourceId]);
        const newer = newest(input, sourceIds);
        const suggestion = `${g.sourceId} lists ${listed.size} of the ${count.value} stated; ${other.sourceId} also lists ${names.join(', ')}, which would make ${listed.size + missing.length}`;
        const reason = `Unexpected count: “${count.text}” lists ${listed.size}; the other source names ${names.join(', ')} as well`;
        const place = other.members.find((m) => m.authorityId === missing[0])?.mention.evidence;
        report(input, ruleId, reason, count.evidence, place);
        checks.push({
          id: `${g.forumId}--${ruleId}--${g.group}--${g.sourceId}--${other.sourceId}`,
          forumId: g.forumId,
          rule: 'count-explained-by-other-source',
          group: g.group,
          authorityIds: missing,
          sourceIds,
          ...(newer ? { newerSourceId: newer } : {}),
          message: reason,
          suggestion,
          evidence: [count.evidence, ...(place ? [place] : [])],
        });
      }
    }
  }
  return checks;
}
