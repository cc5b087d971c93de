import type { Mention } from '../extract/types.js';
import type { CheckedGroup } from './count-checks.js';
import { messageOn, newMessage } from '../util/message.js';

export const ruleId = 'duplicate-participant';

/** A participant listed twice in one counted group, which makes the count look right when it is not. */
export function duplicateParticipant({ check, group }: CheckedGroup): void {
  if (check.duplicates.length === 0) return;
  // each duplicated participant's mentions in list order, from one pass over the list
  const mentionsOf = new Map<string, Mention[]>(check.duplicates.map((id) => [id, []]));
  for (const m of group.members) mentionsOf.get(m.authorityId)?.push(m.mention);
  for (const id of check.duplicates) {
    const mentions = mentionsOf.get(id) ?? [];
    const [first, ...again] = mentions;
    if (!first) continue;
    for (const repeat of again) {
      const message = messageOn(group.file, 
        `Unexpected second listing of \`${repeat.name}\` in the ${check.group === 'network-members' ? 'network members' : 'members'} counted as ${check.statedCount}, expected each participant once`,
        {
          place: { start: repeat.evidence.start, end: repeat.evidence.end },
          ruleId,
          source: 'samverkan',
          cause: newMessage(`First listed here as \`${first.name}\``, { place: { start: first.evidence.start, end: first.evidence.end }, ruleId, source: 'samverkan' }),
        },
      );
      message.fatal = true;
    }
  }
}
