import type { CheckedGroup } from './count-checks.js';
import { messageOn } from '../util/message.js';

export const ruleId = 'count-unverifiable';

/** A stated count with no list to check it against: worth a look, not a failure. */
export function countUnverifiable({ check, group }: CheckedGroup): void {
  if (check.status !== 'unverifiable') return;
  const stated = check.evidence[0];
  if (!stated) return;
  messageOn(group.file, `Unexpected count without a list: ${check.message}`, { place: { start: stated.start, end: stated.end }, ruleId, source: 'samverkan' });
}
