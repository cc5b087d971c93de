// The trie keeps each word's child and its genitive ("…ens") under one key, the ranking of a
// node's candidates is worked out once, and an abbreviation is looked up only when it could be
// written in capitals. These tests pin the answers those shortcuts must not change.
import { describe, expect, it } from 'vitest';
import { NameIndex } from '../../pipeline/resolve/name-index.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';
import { participantKinds } from '../../pipeline/resolve/participant-kinds.js';
import { entry, smallAliases, smallEntries } from './small-registry.js';

const index = new NameIndex(smallEntries, smallAliases);
const ids = (text: string) => index.findAll(tokenize(text)).map((m) => [m.candidate.entryId, m.startToken, m.endToken]);

describe('NameIndex shortcuts', () => {
  it('ends a name at a Swedish genitive, and takes the exact word before a genitive of another', () => {
    expect(ids('Polismyndighetens uppdrag')).toEqual([['polismyndigheten', 0, 1]]);
    // "Swedish Prisons" is the genitive of "Swedish Prison" (an alias): the name ends there
    expect(ids('Swedish Prisons and Probation Service')).toEqual([['kriminalvarden', 0, 2]]);
    // a registry word that itself ends in "s" is matched exactly, not as a genitive
    const withS = new NameIndex([entry('a', 'Hamnens', 'Harbour s'), entry('b', 'Hamnen', 'Harbour')]);
    expect(withS.findAll(tokenize('Hamnens Hamnen Harbours')).map((m) => [m.candidate.entryId, m.startToken])).toEqual([
      ['a', 0],
      ['b', 1],
      ['b', 2],
    ]);
  });

  it('reads an abbreviation in capitals with a possessive, and no word with a small letter among its first two', () => {
    expect(ids("MSB's role and CSN’s grants")).toEqual([
      ['myndigheten-for-civilt-forsvar', 0, 1],
      ['centrala-studiestodsnamnden', 3, 4],
    ]);
    expect(ids('Msb and mSB and cSN')).toEqual([]);
  });

  it('gives each match its own list of alternatives, ranked the same every time', () => {
    const first = index.findAll(tokenize('Harbour Board'))[0];
    const second = index.findAll(tokenize('the Harbour Board'))[0];
    expect(first?.candidate.entryId).toBe('harbour-board-north');
    expect(first?.alternatives.map((a) => a.entryId)).toEqual(['harbour-board-south']);
    expect(second?.alternatives).toEqual(first?.alternatives);
    expect(second?.alternatives).not.toBe(first?.alternatives);
  });
});

describe('participantKinds, asked again', () => {
  const kinds = participantKinds([
    { kind: 'municipal', language: 'en', startsWith: [], contains: ['municipal'] },
    { kind: 'municipal', language: 'sv', startsWith: [], contains: ['kommun'] },
    { kind: 'government', language: 'en', startsWith: ['the government'], contains: [] },
  ]);

  it('answers the same the second time, for each language separately', () => {
    for (let round = 0; round < 2; round++) {
      expect(kinds.kindOf('municipal social services', 'en')).toBe('municipal');
      expect(kinds.kindOf('municipal social services', 'sv')).toBeUndefined();
      expect(kinds.kindOf('Malmö kommun', 'sv')).toBe('municipal');
      expect(kinds.kindOf('Malmö kommun', 'en')).toBeUndefined();
      expect(kinds.kindOf('the Government', 'en')).toBe('government');
    }
  });
});
