// Messages made without a stack trace (pipeline/util/message.ts) are the messages vfile makes.
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { messageOn, newMessage } from '../../pipeline/util/message.js';

const place = {
  start: { line: 3, column: 5, offset: 40 },
  end: { line: 3, column: 17, offset: 52 },
};

describe('messageOn', () => {
  it('adds the message vfile adds, field for field, to the file', () => {
    const ours = new VFile({ path: 'pages/a.md', value: 'text' });
    const theirs = new VFile({ path: 'pages/a.md', value: 'text' });
    const cause = newMessage('The list is here', {
      place,
      ruleId: 'count-mismatch',
      source: 'samverkan',
    });
    const made = messageOn(ours, 'Unexpected count: 9 stated, 8 listed', {
      place,
      ruleId: 'count-mismatch',
      source: 'samverkan',
      cause,
    });
    theirs.message('Unexpected count: 9 stated, 8 listed', {
      place,
      ruleId: 'count-mismatch',
      source: 'samverkan',
      cause: new VFileMessage('The list is here', {
        place,
        ruleId: 'count-mismatch',
        source: 'samverkan',
      }),
    });
    expect(ours.messages).toEqual([made]);
    expect({ ...made, cause: { ...(made.cause as VFileMessage) } }).toEqual({
      ...theirs.messages[0],
      cause: { ...(theirs.messages[0]?.cause as VFileMessage) },
    });
    expect(made).toBeInstanceOf(VFileMessage);
    expect([made.name, made.file, made.line, made.column, made.stack]).toEqual([
      'pages/a.md:3:5-3:17',
      'pages/a.md',
      3,
      5,
      '',
    ]);
  });

  it('sets the stack trace limit back, also when making the message throws', () => {
    const before = Error.stackTraceLimit;
    const file = new VFile({ path: 'pages/b.md' });
    messageOn(file, 'Unexpected page without forums', {
      ruleId: 'no-forums',
      source: 'samverkan',
    });
    expect(Error.stackTraceLimit).toBe(before);
    const broken = {
      message: () => {
        throw new Error('disk on fire');
      },
    } as unknown as VFile;
    expect(() => messageOn(broken, 'x', {})).toThrow('disk on fire');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('after').stack).toContain('message.test');
  });
});
