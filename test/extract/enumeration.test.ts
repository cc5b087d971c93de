import { describe, expect, it } from 'vitest';
import { judgeList, readEnumeration } from '../../pipeline/extract/enumeration.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';
import { contextFor, paragraphOf } from './helpers.js';

/** Read the enumeration that starts the text: each item's name, registry id, and where the list ends. */
async function enumerate(text: string) {
  const ctx = await contextFor(text);
  const tokens = tokenize(text);
  const e = readEnumeration(ctx, paragraphOf(text), tokens, 0);
  const last = tokens[e.end - 1];
  return {
    items: e.items.map((i) => [i.mention.name, i.mention.match?.entryId ?? null]),
    covers: text.slice(0, last?.end ?? 0),
    raw: e.items,
  };
}

describe('readEnumeration', () => {
  it('reads an inline list "A, B and C"', async () => {
    const { items, covers } = await enumerate('the Swedish Tax Agency, the Swedish Customs and the Swedish Police Authority');
    expect(items).toEqual([
      ['Swedish Tax Agency', 'skatteverket'],
      ['Swedish Customs', 'tullverket'],
      ['Swedish Police Authority', 'polismyndigheten'],
    ]);
    expect(covers).toBe('the Swedish Tax Agency, the Swedish Customs and the Swedish Police Authority');
  });

  it('reads a list with an Oxford comma the same way', async () => {
    const { items } = await enumerate('the Swedish Tax Agency, the Swedish Customs, and the Swedish Police Authority');
    expect(items.map(([, id]) => id)).toEqual(['skatteverket', 'tullverket', 'polismyndigheten']);
  });

  it('keeps a name that contains "and" whole', async () => {
    const { items } = await enumerate('the Swedish Prison and Probation Service and the Swedish Customs');
    expect(items).toEqual([
      ['Swedish Prison and Probation Service', 'kriminalvarden'],
      ['Swedish Customs', 'tullverket'],
    ]);
  });

  it('ends the list at a relative clause', async () => {
    const text = 'the Swedish Transport Agency and the County Administrative Board of Stockholm County, which coordinates the participation of other county administrative boards';
    const { items, covers } = await enumerate(text);
    expect(items).toEqual([
      ['Swedish Transport Agency', 'transportstyrelsen'],
      ['County Administrative Board of Stockholm County', 'lansstyrelsen-i-stockholms-lan'],
    ]);
    expect(covers).toBe('the Swedish Transport Agency and the County Administrative Board of Stockholm County');
  });

  it('ends the list at prose after a known name', async () => {
    const { items, covers } = await enumerate('the Swedish Customs in the harbours of the west coast');
    expect(items).toEqual([['Swedish Customs', 'tullverket']]);
    expect(covers).toBe('the Swedish Customs');
  });

  it('reads unknown capitalised names and kinds of participant, and an abbreviation after a name', async () => {
    const { items, raw } = await enumerate('the Agency for Harbour Safety (AHS), the Swedish Customs and municipal social services');
    expect(items).toEqual([
      ['Agency for Harbour Safety', null],
      ['Swedish Customs', 'tullverket'],
      ['municipal social services', null],
    ]);
    expect(raw.map((i) => [i.known, i.nameLike, i.mention.abbreviation ?? null])).toEqual([
      [false, true, 'AHS'],
      [true, true, null],
      [false, true, null],
    ]);
  });

  it('gives each item evidence quoting the name as written', async () => {
    const text = 'the Swedish Tax Agency and the Swedish Customs';
    const { raw } = await enumerate(text);
    expect(raw.map((i) => [i.mention.evidence.quote, i.mention.evidence.start.offset, i.mention.evidence.end.offset])).toEqual([
      ['Swedish Tax Agency', 4, 22],
      ['Swedish Customs', 31, 46],
    ]);
  });
});

describe('judgeList', () => {
  it('accepts a list of known names', async () => {
    const { raw } = await enumerate('the Swedish Tax Agency, the Swedish Customs and the Swedish Police Authority');
    const verdict = judgeList(raw);
    expect(verdict.isParticipantList).toBe(true);
    expect(verdict.accepted.map((m) => m.name)).toEqual(['Swedish Tax Agency', 'Swedish Customs', 'Swedish Police Authority']);
    expect(verdict.rejected).toEqual([]);
  });

  it('rejects a list of topics', async () => {
    const { raw } = await enumerate('procedures and methods for detecting violence');
    expect(raw.map((i) => i.mention.name)).toEqual(['procedures', 'methods for detecting violence']);
    expect(judgeList(raw)).toEqual({ isParticipantList: false, accepted: [], rejected: [] });
    const { raw: topics } = await enumerate('information about violence, legislation and protection');
    expect(judgeList(topics).isParticipantList).toBe(false);
  });

  it('stops an inline list at an item that is not a name', async () => {
    const { items } = await enumerate('the Swedish Tax Agency, the Swedish Customs and staff training');
    expect(items.map(([name]) => name)).toEqual(['Swedish Tax Agency', 'Swedish Customs']);
  });

  it('accepts a mostly-name list of bullets and reports the item that is not a name', async () => {
    // bullets are read one by one, as readSection does, then judged together
    const bullets = ['the Swedish Tax Agency', 'the Swedish Customs', 'the Swedish Police Authority', 'the Swedish Coast Guard', 'training for staff'];
    const raw = (await Promise.all(bullets.map(enumerate))).flatMap((e) => e.raw);
    const verdict = judgeList(raw);
    expect(verdict.isParticipantList).toBe(true);
    expect(verdict.accepted.map((m) => m.name)).toEqual(['Swedish Tax Agency', 'Swedish Customs', 'Swedish Police Authority', 'Swedish Coast Guard']);
    expect(verdict.rejected.map((m) => m.name)).toEqual(['training for staff']);
  });

  it('rejects bullets that are mostly not names, even with one known name', async () => {
    const bullets = ['procedures for detecting violence', 'the Swedish Customs', 'training for staff'];
    const raw = (await Promise.all(bullets.map(enumerate))).flatMap((e) => e.raw);
    expect(judgeList(raw)).toEqual({ isParticipantList: false, accepted: [], rejected: [] });
  });

  it('does not accept a single unknown capitalised name as a list', async () => {
    const { raw } = await enumerate('Harbour Safety');
    expect(raw.map((i) => [i.known, i.nameLike])).toEqual([[false, true]]);
    expect(judgeList(raw).isParticipantList).toBe(false);
  });

  it('accepts nothing from an empty list', () => {
    expect(judgeList([])).toEqual({ isParticipantList: false, accepted: [], rejected: [] });
  });
});
