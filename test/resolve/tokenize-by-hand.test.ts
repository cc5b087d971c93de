// `tokenize` reads its token pattern by hand, for speed. These tests hold it to the pattern it
// stands for, on the characters where a hand-written reader could go wrong.
import { describe, expect, it } from 'vitest';
import { normaliseWord, tokenize } from '../../pipeline/resolve/normalise.js';

/** The definition: the regular expression `tokenize` once ran, and its hyphen rule. */
function tokenizeByPattern(text: string, base = 0) {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu)].map((m) => {
    const t = m[0];
    const start = base + (m.index ?? 0);
    const isWord = /[\p{L}\p{N}]/u.test(t);
    return { text: t, norm: isWord ? normaliseWord(t) : t === '&' ? 'and' : '', kind: isWord || t === '&' ? 'word' : 'punct', start, end: start + t.length };
  });
  return tokens.filter((t, i) => {
    if (t.text !== '-' && t.text !== '\u2011') return true;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    return !(prev && next && prev.kind === 'word' && next.kind === 'word' && prev.end === t.start && (next.start === t.end || /^(och|and|eller|or)$/iu.test(next.text)));
  });
}

// Letters and digits outside ASCII, astral letters and digits (surrogate pairs), lone surrogates,
// white space that is not a space, apostrophes, hyphens and the ampersand.
const PIECES = ['a', 'Z', 'å', 'Ö', 'ß', 'İ', 'é', 'e\u0301', '1', '٣', 'Ⅻ', '²', ' ', '\u00a0', '\u2028', '\ufeff', '\t', '\n', '-', '\u2011', "'", '’', "'s", '’s', '&', '.', ',', '(', '😀', '𝒜', '𝟙', '\ud800', '\udc00', 'och', 'and', 'Och', 'MSB'];

describe('tokenize read by hand', () => {
  it('gives the tokens of its pattern for every mix of awkward characters', () => {
    let seed = 20240611;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    let checked = 0;
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let length = 1 + next(10); length > 0; length--) text += PIECES[next(PIECES.length)];
      expect(tokenize(text, 5)).toEqual(tokenizeByPattern(text, 5));
      checked++;
    }
    expect(checked).toBe(20_000);
  });

  it('keeps an astral letter inside a word and an astral symbol as one punctuation token', () => {
    expect(tokenize('a𝒜b 😀').map((t) => [t.text, t.kind, t.start, t.end])).toEqual([
      ['a𝒜b', 'word', 0, 4],
      ['😀', 'punct', 5, 7],
    ]);
  });

  it('normalises capitals, letters outside ASCII and apostrophes as normaliseWord does', () => {
    const tokens = tokenize('SWEDISH Länsstyrelsen O’Neill’s Åklagarmyndigheten abc123');
    expect(tokens.map((t) => t.norm)).toEqual(['swedish', 'länsstyrelsen', 'oneill', 'åklagarmyndigheten', 'abc123']);
    expect(tokens.map((t) => t.norm)).toEqual(tokens.map((t) => normaliseWord(t.text)));
  });

  it('ends a word at an apostrophe that no letter follows, and after the letters of an apostrophe part', () => {
    expect(tokenize("authorities' work").map((t) => t.text)).toEqual(['authorities', "'", 'work']);
    expect(tokenize("x'y2").map((t) => t.text)).toEqual(["x'y", '2']);
  });
});
