import { describe, expect, it } from 'vitest';
import { nameKey, normaliseWord, slugify, tokenize } from '../../pipeline/resolve/normalise.js';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('keeps each token’s offsets in the string, shifted by the base', () => {
    const text = 'The  Swedish Customs, 2019.';
    const tokens = tokenize(text, 100);
    expect(tokens.map((t) => [t.text, t.norm, t.kind, t.start, t.end])).toEqual([
      ['The', 'the', 'word', 100, 103],
      ['Swedish', 'swedish', 'word', 105, 112],
      ['Customs', 'customs', 'word', 113, 120],
      [',', '', 'punct', 120, 121],
      ['2019', '2019', 'word', 122, 126],
      ['.', '', 'punct', 126, 127],
    ]);
    for (const t of tokens) expect(text.slice(t.start - 100, t.end - 100)).toBe(t.text);
  });

  it('drops a hyphen between two words, so "Counter-Terrorism" reads as "counter terrorism"', () => {
    expect(texts('Counter-Terrorism Council')).toEqual(['Counter', 'Terrorism', 'Council']);
    expect(tokenize('Counter-Terrorism').map((t) => t.norm)).toEqual(tokenize('counter terrorism').map((t) => t.norm));
    // the non-breaking hyphen too
    expect(texts('co\u2011ordinated')).toEqual(['co', 'ordinated']);
  });

  it('keeps a hyphen with space around it, and a dash, as punctuation', () => {
    expect(tokenize('Initiative - west').map((t) => [t.text, t.kind])).toEqual([
      ['Initiative', 'word'],
      ['-', 'punct'],
      ['west', 'word'],
    ]);
    expect(tokenize('2019–2021').map((t) => [t.text, t.kind])).toEqual([
      ['2019', 'word'],
      ['–', 'punct'],
      ['2021', 'word'],
    ]);
    // a hyphen that ends a word before "and"/"och" belongs to it (a suspended compound) …
    expect(texts('pre- and post-trial')).toEqual(['pre', 'and', 'post', 'trial']);
    // … but one before any other word is punctuation
    expect(texts('pre- trial')).toEqual(['pre', '-', 'trial']);
  });

  it('keeps an apostrophe inside a word and reads "&" as the word "and"', () => {
    const tokens = tokenize('Sweden’s Health & Care');
    expect(tokens.map((t) => [t.text, t.norm, t.kind])).toEqual([
      ['Sweden’s', 'sweden', 'word'],
      ['Health', 'health', 'word'],
      ['&', 'and', 'word'],
      ['Care', 'care', 'word'],
    ]);
  });

  it('reads letters outside ASCII as word characters', () => {
    expect(tokenize('Länsstyrelsen i Skåne län').map((t) => t.norm)).toEqual(['länsstyrelsen', 'i', 'skåne', 'län']);
  });
});

describe('normaliseWord', () => {
  it('drops a possessive with either apostrophe', () => {
    expect(normaliseWord("Sweden's")).toBe('sweden');
    expect(normaliseWord('Sweden’s')).toBe('sweden');
  });

  it('drops other apostrophes and lower-cases', () => {
    expect(normaliseWord("O'Neill")).toBe('oneill');
    expect(normaliseWord('ÅKLAGARMYNDIGHETEN')).toBe('åklagarmyndigheten');
  });

  it('composes to NFC so that decomposed and composed letters compare equal', () => {
    expect(normaliseWord('Sk\u0061\u030ane')).toBe('skåne');
    expect(normaliseWord('Sk\u0061\u030ane')).toBe(normaliseWord('Skåne'));
  });
});

describe('nameKey', () => {
  it('drops a leading "the" and the case', () => {
    expect(nameKey('The Swedish Police Authority')).toBe('swedish police authority');
    expect(nameKey('the Swedish Police Authority')).toBe(nameKey('Swedish Police Authority'));
  });

  it('drops the Swedish leading articles too', () => {
    expect(nameKey('Den nationella samordningen')).toBe('nationella samordningen');
  });

  it('keeps a lone article (there is nothing else to key on)', () => {
    expect(nameKey('the')).toBe('the');
  });

  it('drops a parenthesis and the punctuation', () => {
    expect(nameKey('Swedish Board of Student Finance (CSN)')).toBe('swedish board of student finance');
    expect(nameKey('Mapping, Cadastral and Land Registration Authority')).toBe('mapping cadastral and land registration authority');
  });

  it('keys a hyphenated name like the same words with a space', () => {
    expect(nameKey('Counter-Terrorism Cooperation Council')).toBe('counter terrorism cooperation council');
  });
});

describe('slugify', () => {
  it('folds the Swedish letters to ASCII', () => {
    expect(slugify('Länsstyrelsen i Skåne län')).toBe('lansstyrelsen-i-skane-lan');
    expect(slugify('Åklagarmyndigheten')).toBe('aklagarmyndigheten');
    expect(slugify('Myndigheten för civilt försvar')).toBe('myndigheten-for-civilt-forsvar');
    expect(slugify('ÅÄÖ åäö é ü')).toBe('aao-aao-e-u');
  });

  it('turns every run of other characters into one hyphen, none at the ends', () => {
    expect(slugify('  --The MUR Initiative: phase 2!--')).toBe('the-mur-initiative-phase-2');
    expect(slugify('Counter-Terrorism   Cooperation')).toBe('counter-terrorism-cooperation');
  });

  it('is empty for text without letters or digits', () => {
    expect(slugify('–:–')).toBe('');
  });
});

describe('slugify, letters without a decomposition (formerly known bug 5)', () => {
  it('folds Ø, Æ and ß instead of dropping them', () => {
    expect(slugify('Øresund Crime Council')).toBe('oresund-crime-council');
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Æble')).toBe('aeble');
  });
});

describe('tokenize, Swedish suspended compounds', () => {
  it('keeps "Havs- och vattenmyndigheten" one name for the registry', async () => {
    const { projectRegistry } = await import('../helpers/pipeline.js');
    const { index } = await projectRegistry();
    const [match] = index.findAll(tokenize('Även Havs- och vattenmyndigheten deltar.'));
    expect(match?.candidate.entryId).toBe('havs-och-vattenmyndigheten');
  });
});
