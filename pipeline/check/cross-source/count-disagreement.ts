import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import type { CountFact } from '../../extract/types.js';
import { byAge, type CrossSourceInput, groupsByKey, newest, report } from './context.js';

export const ruleId = 'count-disagreement';

/** Two sources of one forum that state different counts for the same group. */
export function countDisagreement(input: CrossSourceInput): CrossSourceCheck[] {
  const checks: CrossSourceCheck[] = [];
  const byKey = groupsByKey(input.groups);
  for (const key of [...byKey.keys()].sort()) {
    const [forumId = '', group = 'members'] = key.split('\u0000');
    const stated = new Map<string, CountFact>();
    for (const g of byKey.get(key) ?? []) {
      for (const c of g.counts) if (!stated.has(g.sourceId)) stated.set(g.sourceId, c);
    }
    const values = new Set([...stated.values()].map((c) => c.value));
    if (stated.size < 2 || values.size < 2) continue;
    const sourceIds = byAge(input, stated.keys());
    const newer = newest(input, sourceIds);
    const at = stated.get(newer ?? (sourceIds[sourceIds.length - 1] as string)) as CountFact;
    const other = [...stated.values()].find((c) => c.value !== at.value) as CountFact;
    const what = group === 'network-members' ? 'network members' : 'members';
    const reason = `Unexpected count: this source states ${at.value} ${what} (“${at.text}”), another states ${other.value} (“${other.text}”)${newer ? `; this source is the newest` : ''}`;
    report(input, ruleId, reason, at.evidence, other.evidence);
    checks.push({
      id: `${forumId}--${ruleId}--${group}`,
      forumId,
      rule: 'count-disagreement',
      group: group as CrossSourceCheck['group'] & string,
      authorityIds: [],
      sourceIds,
      ...(newer ? { newerSourceId: newer } : {}),
      message: reason,
      evidence: sourceIds.map((s) => (stated.get(s) as CountFact).evidence),
    });
  }
  return checks;
}
