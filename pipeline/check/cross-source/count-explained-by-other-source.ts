import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import type { ResolvedGroup } from '../../resolve/assemble.js';
import { compareCodeUnits } from '../../util/compare.js';
import { byAge, type CrossSourceInput, groupKey, groupsByKey, displayName, newest, report } from './context.js';

export const ruleId = 'count-explained-by-other-source';

/** Groups of one forum and kind that list the same participants, with where each sits in the key's list. */
interface SameList {
  ids: ReadonlySet<string>;
  groups: { group: ResolvedGroup; index: number }[];
}

/**
 * A count that fails on one page (fewer listed than stated) while another page lists the
 * missing participants of the same group: the report names them.
 */
export function countExplainedByOtherSource(input: CrossSourceInput): CrossSourceCheck[] {
  const checks: CrossSourceCheck[] = [];
  // Many pages of one forum list the same participants: what one list misses from another is
  // worked out once per distinct list, not once per page that lists it.
  const listsByKey = new Map<string, SameList[]>();
  for (const [key, groups] of groupsByKey(input.groups)) listsByKey.set(key, sameLists(groups));
  const distinct = new Map<ResolvedGroup, ReadonlySet<string>>();
  for (const lists of listsByKey.values()) for (const list of lists) for (const { group } of list.groups) distinct.set(group, list.ids);
  for (const g of input.groups) {
    const listed = distinct.get(g) as ReadonlySet<string>;
    const lists = listsByKey.get(groupKey(g)) ?? [];
    // each other list's participants that this group does not list, sorted, once for all its counts
    const missingFrom = new Map<SameList, string[]>();
    for (const count of g.counts) {
      if (listed.size === 0 || count.value <= listed.size) continue;
      const others: { group: ResolvedGroup; index: number; missing: string[] }[] = [];
      for (const list of lists) {
        let missing = missingFrom.get(list);
        if (!missing) {
          missing = [];
          for (const id of list.ids) if (!listed.has(id)) missing.push(id);
          missing.sort(compareCodeUnits);
          missingFrom.set(list, missing);
        }
        if (missing.length === 0 || listed.size + missing.length > count.value) continue;
        for (const o of list.groups) if (o.group !== g && o.group.sourceId !== g.sourceId) others.push({ ...o, missing });
      }
      // in the order the sources came, as when every other group was looked at in turn
      others.sort((a, b) => a.index - b.index);
      for (const { group: other, missing } of others) {
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
          authorityIds: [...missing],
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

/** The groups of one key, gathered by the set of participants they list (duplicates and order aside). */
function sameLists(groups: readonly ResolvedGroup[]): SameList[] {
  const bySet = new Map<string, SameList>();
  groups.forEach((group, index) => {
    const ids = new Set(group.members.map((m) => m.authorityId));
    const key = JSON.stringify([...ids].sort(compareCodeUnits));
    const list = bySet.get(key);
    if (list) list.groups.push({ group, index });
    else bySet.set(key, { ids, groups: [{ group, index }] });
  });
  return [...bySet.values()];
}
