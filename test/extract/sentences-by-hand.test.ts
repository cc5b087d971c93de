// splitSentences reads the word before a full stop backwards by hand, for speed. These tests hold
// it to the pattern it stands for, `/([\p{L}.]+)$/u` on the twelve characters before the stop.
import { describe, expect, it } from 'vitest';
import { en } from '../../pipeline/extract/lexicon/en.js';
import { sv } from '../../pipeline/extract/lexicon/sv.js';
import { splitSentences } from '../../pipeline/extract/sentences.js';

/** The definition, as splitSentences was first written. */
function splitByPattern(text: string, abbreviations: readonly string[]) {
  const ranges: { start: number; end: number }[] = [];
  const skip = (from: number) => {
    let i = from;
    while (i < text.length && /\s/u.test(text[i] as string)) i++;
    return i;
  };
  let start = skip(0);
  for (const m of text.matchAll(/[.!?]+(?=\s+["“”'(\p{Lu}\p{N}•]|\s*$)/gu)) {
    const at = m.index ?? 0;
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, at - 12), at))?.[1]?.toLowerCase() ?? '';
    if (abbreviations.includes(word) || /^\p{L}$/u.test(word)) continue;
    const end = at + m[0].length;
    if (end > start) ranges.push({ start, end });
    start = skip(end);
  }
  const tailEnd = text.trimEnd().length;
  if (tailEnd > start) ranges.push({ start, end: tailEnd });
  return ranges;
}

const PIECES = ['a', 'B', 'å', 'Ö', ' ', '  ', '.', '..', '!', '?', 'e.g.', 'bl.a.', 't.ex.', 'ca.', 'Nr.', 'I.', 'Å.', 'T', '1', '"', '“', '(', '•', '\n', '\u00a0', '😀', '𝒜', '\ud835', '\udc9c', 'x'];

describe('splitSentences read by hand', () => {
  it('splits as its pattern does, for every mix of awkward characters', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let length = 1 + next(20); length > 0; length--) text += PIECES[next(PIECES.length)];
      const abbreviations = k % 2 === 0 ? en.abbreviations : sv.abbreviations;
      expect(splitSentences(text, abbreviations)).toEqual(splitByPattern(text, abbreviations));
    }
  });

  it('does not split after an initial outside ASCII, nor after a Swedish abbreviation', () => {
    const text = 'Rapporten av Å. Berg kom ut, bl.a. Om Tullverket. Den är kort.';
    expect(splitSentences(text, sv.abbreviations).map((r) => text.slice(r.start, r.end))).toEqual(['Rapporten av Å. Berg kom ut, bl.a. Om Tullverket.', 'Den är kort.']);
  });

  it('splits after an astral letter that is only half inside the twelve characters before the stop', () => {
    // "𝒜" is two code units and the twelve-character window starts between them: the word read is "bcdefghijkl"
    const text = '𝒜bcdefghijkl. Next one.';
    expect(splitSentences(text, en.abbreviations).map((r) => text.slice(r.start, r.end))).toEqual(['𝒜bcdefghijkl.', 'Next one.']);
  });
});
