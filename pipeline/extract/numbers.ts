import type { Token } from '../resolve/normalise.js';
import type { Lexicon } from './lexicon/index.js';
import { wordValue } from './word-values.js';

/** A small number at token i, in digits or words ("18", "nine", "twenty one"): value and tokens used. */
export function numberAt(lexicon: Lexicon, tokens: readonly Token[], i: number): { value: number; length: number } | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return undefined;
  if (isDigits(t.norm, 1, 3)) return { value: Number(t.norm), length: 1 };
  const value = wordValue(lexicon.numbers, t.norm);
  if (value === undefined) return undefined;
  // "twenty-one": the hyphen is dropped by the tokeniser, so tens and units are two words.
  const next = tokens[i + 1];
  const unit = next && next.kind === 'word' ? wordValue(lexicon.numbers, next.norm) : undefined;
  if (value >= 20 && value % 10 === 0 && unit !== undefined && unit < 10 && next && next.start === t.end + 1) return { value: value + unit, length: 2 };
  return { value, length: 1 };
}

/** A year from 1800 to 2199 at token i. */
export function yearAt(tokens: readonly Token[], i: number): number | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'word' || !isDigits(t.norm, 4, 4)) return undefined;
  const century = t.norm.slice(0, 2);
  return century === '18' || century === '19' || century === '20' || century === '21' ? Number(t.norm) : undefined;
}

/** The word is min to max ASCII digits: `/^\d{min,max}$/u` without a regular expression, as this runs on every word. */
function isDigits(word: string, min: number, max: number): boolean {
  if (word.length < min || word.length > max) return false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
