import type { Token } from '../resolve/normalise.js';
import type { Lexicon } from './lexicon/index.js';

/** A small number at token i, in digits or words ("18", "nine", "twenty one"): value and tokens used. */
export function numberAt(lexicon: Lexicon, tokens: readonly Token[], i: number): { value: number; length: number } | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return undefined;
  if (/^\d{1,3}$/u.test(t.norm)) return { value: Number(t.norm), length: 1 };
  const value = lexicon.numbers[t.norm];
  if (value === undefined) return undefined;
  // "twenty-one": the hyphen is dropped by the tokeniser, so tens and units are two words.
  const next = tokens[i + 1];
  const unit = next && next.kind === 'word' ? lexicon.numbers[next.norm] : undefined;
  if (value >= 20 && value % 10 === 0 && unit !== undefined && unit < 10 && next && next.start === t.end + 1) return { value: value + unit, length: 2 };
  return { value, length: 1 };
}

const YEAR = /^(1[89]\d\d|20\d\d|21\d\d)$/u;

export function yearAt(tokens: readonly Token[], i: number): number | undefined {
  const t = tokens[i];
  return t && t.kind === 'word' && YEAR.test(t.norm) ? Number(t.norm) : undefined;
}
