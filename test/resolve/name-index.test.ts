import { describe, expect, it } from 'vitest';
import type { NameIndex } from '../../pipeline/resolve/name-index.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';
import { projectRegistry } from '../helpers/pipeline.js';
import { smallIndex } from './small-registry.js';

/** Every name findAll sees in `text`: the words it covers, the entry and how it matched. */
function found(index: NameIndex, text: string) {
  const tokens = tokenize(text);
  return index.findAll(tokens).map((m) => ({
    text: text.slice(tokens[m.startToken]?.start, tokens[m.endToken - 1]?.end),
    id: m.candidate.entryId,
    via: m.candidate.via,
  }));
}

describe('NameIndex on a small registry', () => {
  const index = smallIndex();

  it('takes the longest name: "Swedish Prison and Probation Service" over "Swedish Prison"', () => {
    expect(found(index, 'the Swedish Prison and Probation Service')).toEqual([{ text: 'Swedish Prison and Probation Service', id: 'kriminalvarden', via: 'name' }]);
  });

  it('falls back to the shorter name when the longer one does not follow', () => {
    expect(found(index, 'the Swedish Prison and the Swedish Customs')).toEqual([
      { text: 'Swedish Prison', id: 'kriminalvarden', via: 'alias' },
      { text: 'Swedish Customs', id: 'tullverket', via: 'name' },
    ]);
  });

  it('ranks a curated alias above a registry name with the same words, and keeps the other as an alternative', () => {
    const match = index.longestMatchAt(tokenize('Swedish Prison'), 0);
    expect(match?.candidate).toEqual({ entryId: 'kriminalvarden', via: 'alias', spelling: 'Swedish Prison' });
    expect(match?.alternatives).toEqual([{ entryId: 'fangelseverket', via: 'name', spelling: 'Swedish Prison' }]);
  });

  it('matches an abbreviation only when written in capitals', () => {
    expect(found(index, 'CSN and csn and Csn')).toEqual([{ text: 'CSN', id: 'centrala-studiestodsnamnden', via: 'abbreviation' }]);
    expect(index.resolveExact('csn')).toBeUndefined();
    expect(index.resolveExact('MSB')?.candidate.entryId).toBe('myndigheten-for-civilt-forsvar');
  });

  it('resolves a former name to the current, active entry rather than the defunct one', () => {
    const match = index.resolveExact('Old Customs Board');
    expect(match?.candidate).toEqual({ entryId: 'tullverket', via: 'former-name', spelling: 'Old Customs Board' });
    expect(match?.alternatives.map((a) => a.entryId)).toEqual(['gamla-tullen']);
    expect(index.resolveExact('Swedish Civil Contingencies Agency')?.candidate).toEqual({
      entryId: 'myndigheten-for-civilt-forsvar',
      via: 'former-name',
      spelling: 'Swedish Civil Contingencies Agency',
    });
  });

  it('reports two entries with the same name as alternatives, in id order', () => {
    const match = index.resolveExact('Harbour Board');
    expect(match?.candidate.entryId).toBe('harbour-board-north');
    expect(match?.alternatives.map((a) => a.entryId)).toEqual(['harbour-board-south']);
  });

  it('skips a leading article, and matches the Swedish name and other names', () => {
    const match = index.longestMatchAt(tokenize('the Swedish Tax Agency'), 0);
    expect([match?.startToken, match?.endToken]).toEqual([1, 4]);
    expect(index.resolveExact('Skatteverket')?.candidate.via).toBe('name');
    expect(index.resolveExact('the Board of Customs')?.candidate).toEqual({ entryId: 'tullverket', via: 'other-name', spelling: 'Board of Customs' });
  });

  it('keys an alias without its article, so "police" alone matches "the police"', () => {
    expect(found(index, 'We report it to the police.')).toEqual([{ text: 'police', id: 'polismyndigheten', via: 'alias' }]);
  });

  it('resolveExact needs the whole name', () => {
    expect(index.resolveExact('Swedish Tax Agency')?.candidate.entryId).toBe('skatteverket');
    expect(index.resolveExact('Swedish Tax Agency office')).toBeUndefined();
    expect(index.resolveExact('Regional Swedish Tax Agency')).toBeUndefined();
  });

  it('finds every name of a sentence, left to right, without overlaps, with their spans', () => {
    const text = 'The Swedish Prison and Probation Service, CSN and the Swedish Customs (Tullverket) work with the Swedish Tax Agency’s staff.';
    expect(found(index, text)).toEqual([
      { text: 'Swedish Prison and Probation Service', id: 'kriminalvarden', via: 'name' },
      { text: 'CSN', id: 'centrala-studiestodsnamnden', via: 'abbreviation' },
      { text: 'Swedish Customs', id: 'tullverket', via: 'name' },
      { text: 'Tullverket', id: 'tullverket', via: 'name' },
      { text: 'Swedish Tax Agency’s', id: 'skatteverket', via: 'name' },
    ]);
  });

  it('gives the entry of an id, and nothing for an unknown id', () => {
    expect(index.entry('tullverket')?.name).toEqual({ sv: 'Tullverket', en: 'Swedish Customs' });
    expect(index.entry('no-such-authority')).toBeUndefined();
  });
});

describe('NameIndex on the project registry', () => {
  const cases: [string, string][] = [
    ['Swedish Civil Contingencies Agency', 'myndigheten-for-civilt-forsvar'],
    ['Swedish Migration Agency', 'migrationsverket'],
    ['Skolverket', 'statens-skolverk'],
    ['County Administrative Board of Skåne', 'lansstyrelsen-i-skane-lan'],
    ['the Swedish Prison and Probation Service', 'kriminalvarden'],
    ['Swedish Customs', 'tullverket'],
    ['Sweden’s social insurance agency Försäkringskassan', 'forsakringskassan'],
    ['Länsstyrelsen i Skåne län', 'lansstyrelsen-i-skane-lan'],
    ['MSB', 'myndigheten-for-civilt-forsvar'],
  ];
  for (const [name, id] of cases) {
    it(`resolves "${name}" to ${id}`, async () => {
      const { index } = await projectRegistry();
      expect(index.resolveExact(name)?.candidate.entryId).toBe(id);
    });
  }

  it('takes "Swedish Prison and Probation Service" whole in a sentence of the seed page', async () => {
    const { index } = await projectRegistry();
    const text = 'the Swedish Enforcement Authority, the Swedish Prison and Probation Service, the Swedish Coastguard and the Swedish Migration Agency';
    expect(found(index, text).map((f) => [f.text, f.id])).toEqual([
      ['Swedish Enforcement Authority', 'kronofogdemyndigheten'],
      ['Swedish Prison and Probation Service', 'kriminalvarden'],
      ['Swedish Coastguard', 'kustbevakningen'],
      ['Swedish Migration Agency', 'migrationsverket'],
    ]);
  });

  it('does not know a made-up authority', async () => {
    const { index } = await projectRegistry();
    expect(index.resolveExact('Swedish Agency for Harbour Safety')).toBeUndefined();
  });
});
