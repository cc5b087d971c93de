import type { CountCheck } from '../../schemas/count-check.js';
import type { CountFact } from '../extract/types.js';
import type { ResolvedGroup } from '../resolve/assemble.js';
import { compareCodeUnits } from '../util/compare.js';

/** A count check and the group it was computed from, for the rules that report on it. */
export interface CheckedGroup {
  check: CountCheck;
  group: ResolvedGroup;
  counts: CountFact[];
}

const GROUP_WORDS: Record<CountCheck['group'], string> = { members: 'members', 'network-members': 'network members' };

/**
 * One check per forum, group and stated number: the same number stated twice is one claim with
 * two pieces of evidence; a different number is a claim of its own.
 */
export function buildCountChecks(groups: readonly ResolvedGroup[]): CheckedGroup[] {
  const out: CheckedGroup[] = [];
  for (const group of groups) {
    const byValue = new Map<number, CountFact[]>();
    for (const c of [...group.counts].sort((a, b) => a.evidence.start.offset - b.evidence.start.offset)) {
      const same = byValue.get(c.value);
      if (same) same.push(c);
      else byValue.set(c.value, [c]);
    }
    // the list is the same for every number stated about it
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const { authorityId } of group.members) (seen.has(authorityId) ? duplicates : seen).add(authorityId);
    const listed = group.members.length;
    const distinct = seen.size;
    for (const [value, counts] of byValue) {
      const status: CountCheck['status'] = listed === 0 ? 'unverifiable' : distinct === value && duplicates.size === 0 ? 'consistent' : 'mismatch';
      const first = counts[0] as CountFact;
      const what = GROUP_WORDS[group.group];
      const message =
        status === 'unverifiable'
          ? `States ${value} ${what} (“${first.text}”) but lists none to compare with`
          : status === 'consistent'
            ? `States ${value} ${what} and lists ${distinct}`
            : `Expected ${value} ${what} as stated (“${first.text}”), found ${distinct} distinct${listed !== distinct ? ` in ${listed} listed` : ''}${duplicates.size > 0 ? ` (listed more than once: ${[...duplicates].sort(compareCodeUnits).join(', ')})` : ''}`;
      out.push({
        group,
        counts,
        check: {
          id: `${group.forumId}--${group.group}--${value}`,
          forumId: group.forumId,
          sourceId: group.sourceId,
          group: group.group,
          statedCount: value,
          statedText: first.text,
          listedCount: listed,
          distinctCount: distinct,
          duplicates: [...duplicates].sort(compareCodeUnits),
          status,
          message,
          evidence: counts.map((c) => c.evidence),
          listEvidence: group.listEvidence,
        },
      });
    }
  }
  // Two pages may state the same number for the same group: keep both claims, apart by id.
  const ids = new Map<string, number>();
  for (const c of out) {
    const n = (ids.get(c.check.id) ?? 0) + 1;
    ids.set(c.check.id, n);
    if (n > 1) c.check.id = `${c.check.id}--${n}`;
  }
  return out.sort((a, b) => compareCodeUnits(a.check.id, b.check.id));
}
