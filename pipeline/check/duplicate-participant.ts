import { VFileMessage } from 'vfile-message';
import type { CheckedGroup } from './count-checks.js';

export const ruleId = 'duplicate-participant';

/** A participant listed twice in one counted group, which makes the count look right when it is not. */
export function duplicateParticipant({ check, group }: CheckedGroup): void {
  for (const id of check.duplicates) {
    const mentions = group.members.filter((m) => m.authorityId === id).map((m) => m.mention);
    const [first, ...again] = mentions;
    if (!first) continue;
    for (const repeat of again) {
      const message = group.file.message(
        `Unexpected second listing of \`${repeat.name}\` in the ${check.group === 'network-members' ? 'network members' : 'members'} counted as ${check.statedCount}, expected each participant once`,
        {
          place: { start: repeat.evidence.start, end: repeat.evidence.end },
          ruleId,
          source: 'samverkan',
          cause: new VFileMessage(`First listed here as \`${first.name}\``, { place: { start: first.evidence.start, end: first.evidence.end }, ruleId, source: 'samverkan' }),
        },
      );
      message.fatal = true;
    }
  }
}
