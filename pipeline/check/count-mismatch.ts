import type { CheckedGroup } from './count-checks.js';
import { messageOn, newMessage } from '../util/message.js';

export const ruleId = 'count-mismatch';

/** A stated count that differs from the number of distinct participants listed for its group. */
export function countMismatch({ check, group }: CheckedGroup): void {
  if (check.status !== 'mismatch' || check.distinctCount === check.statedCount) return;
  const stated = check.evidence[0];
  if (!stated) return;
  const list = check.listEvidence[0];
  const cause = list
    ? newMessage(`The ${check.group === 'network-members' ? 'network members are' : 'group is'} listed here (${check.distinctCount} distinct)`, {
        place: { start: list.start, end: list.end },
        ruleId,
        source: 'samverkan',
      })
    : undefined;
  const message = messageOn(group.file, `Unexpected count: ${check.message}`, {
    place: { start: stated.start, end: stated.end },
    ruleId,
    source: 'samverkan',
    ...(cause ? { cause } : {}),
  });
  message.fatal = true;
  message.url = `#${check.id}`;
}
