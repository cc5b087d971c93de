// Each check rule against its fixture pair (test/check/fixtures/<rule-id>/ok.md and not-ok.md),
// run through the whole pipeline. Expected places are computed from the fixture text here, not
// taken from the code under test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { ruleId as countMismatchId } from '../../pipeline/check/count-mismatch.js';
import { ruleId as countUnverifiableId } from '../../pipeline/check/count-unverifiable.js';
import { ruleId as duplicateParticipantId } from '../../pipeline/check/duplicate-participant.js';
import { buildPages, projectRoot } from '../helpers/pipeline.js';

const fixtures = path.join(projectRoot, 'test/check/fixtures');
const checkRules = [countMismatchId, duplicateParticipantId, countUnverifiableId];

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`. */
function placeOf(text: string, needle: string, nth = 0): { line: number; column: number; offset: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times in the fixture`);
  }
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset };
}

async function run(rule: string, kind: 'ok' | 'not-ok') {
  const relPath = `${rule}/${kind}.md`;
  const text = readFileSync(path.join(fixtures, relPath), 'utf8');
  const result = await buildPages(fixtures, [relPath]);
  const messages = result.files.flatMap((f) => f.messages).filter((m) => checkRules.includes(m.ruleId ?? ''));
  return { text, result, messages };
}

/** The parts of a message a reader relies on. */
function summary(m: VFileMessage) {
  const cause = m.cause as VFileMessage | undefined;
  return {
    ruleId: m.ruleId,
    source: m.source,
    fatal: m.fatal,
    line: m.line,
    column: m.column,
    reason: m.reason,
    cause: cause ? { line: cause.line, column: cause.column, reason: cause.reason, ruleId: cause.ruleId } : undefined,
  };
}

describe(countMismatchId, () => {
  it('reports a stated count that differs from the list, at the count, with the list as cause', async () => {
    const { text, messages, result } = await run(countMismatchId, 'not-ok');
    const stated = placeOf(text, 'Four authorities');
    const list = placeOf(text, 'the Swedish Customs, the Swedish Coast Guard');
    expect(messages.map(summary)).toEqual([
      {
        ruleId: 'count-mismatch',
        source: 'samverkan',
        fatal: true,
        line: stated.line,
        column: stated.column,
        reason: 'Unexpected count: Expected 4 members as stated (“Four authorities”), found 3 distinct',
        cause: { line: list.line, column: list.column, reason: 'The group is listed here (3 distinct)', ruleId: 'count-mismatch' },
      },
    ]);
    expect(messages[0]?.place).toEqual({ start: stated, end: { line: stated.line, column: stated.column + 'Four authorities'.length, offset: stated.offset + 'Four authorities'.length } });
    expect(messages[0]?.url).toBe('#harbour-crime-council--members--4');
    expect(result.dataset.countChecks.map((c) => [c.id, c.status])).toEqual([['harbour-crime-council--members--4', 'mismatch']]);
  });

  it('says nothing when the count matches the list', async () => {
    const { messages, result } = await run(countMismatchId, 'ok');
    expect(messages.filter((m) => m.ruleId === countMismatchId)).toEqual([]);
    expect(result.dataset.countChecks.map((c) => [c.id, c.listedCount, c.distinctCount, c.status])).toEqual([['harbour-crime-council--members--3', 3, 3, 'consistent']]);
  });
});

describe(duplicateParticipantId, () => {
  it('reports the second listing of one authority, at the repeated name, with the first listing as cause', async () => {
    const { text, messages, result } = await run(duplicateParticipantId, 'not-ok');
    const repeat = placeOf(text, 'Tullverket');
    const first = placeOf(text, 'Swedish Customs');
    expect(messages.map(summary)).toEqual([
      {
        ruleId: 'duplicate-participant',
        source: 'samverkan',
        fatal: true,
        line: repeat.line,
        column: repeat.column,
        reason: 'Unexpected second listing of `Tullverket` in the members counted as 3, expected each participant once',
        cause: { line: first.line, column: first.column, reason: 'First listed here as `Swedish Customs`', ruleId: 'duplicate-participant' },
      },
    ]);
    // the distinct count equals the stated one: the duplicate is the whole problem, so no count-mismatch
    expect(result.dataset.countChecks.map((c) => [c.listedCount, c.distinctCount, c.duplicates, c.status])).toEqual([[4, 3, ['tullverket'], 'mismatch']]);
  });

  it('says nothing when every participant is listed once', async () => {
    const { messages, result } = await run(duplicateParticipantId, 'ok');
    expect(messages.filter((m) => m.ruleId === duplicateParticipantId)).toEqual([]);
    expect(result.dataset.countChecks.map((c) => [c.duplicates, c.status])).toEqual([[[], 'consistent']]);
  });
});

describe(countUnverifiableId, () => {
  it('warns about a count that has no list, at the count', async () => {
    const { text, messages, result } = await run(countUnverifiableId, 'not-ok');
    const stated = placeOf(text, 'Fifteen authorities');
    expect(messages.map(summary)).toEqual([
      {
        ruleId: 'count-unverifiable',
        source: 'samverkan',
        fatal: false,
        line: stated.line,
        column: stated.column,
        reason: 'Unexpected count without a list: States 15 members (“Fifteen authorities”) but lists none to compare with',
        cause: undefined,
      },
    ]);
    expect(result.dataset.countChecks.map((c) => [c.id, c.listedCount, c.status])).toEqual([['money-laundering-forum--members--15', 0, 'unverifiable']]);
  });

  it('says nothing when the count comes with its list', async () => {
    const { messages, result } = await run(countUnverifiableId, 'ok');
    expect(messages.filter((m) => m.ruleId === countUnverifiableId)).toEqual([]);
    expect(result.dataset.countChecks.map((c) => c.status)).toEqual(['consistent']);
  });
});
