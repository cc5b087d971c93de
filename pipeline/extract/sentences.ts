/** A sentence of a block's text: [start, end) offsets into that text. */
export interface SentenceRange {
  start: number;
  end: number;
}

// A run of sentence-ending marks before white space and a capital, digit or quote, or the end.
const BOUNDARY = /[.!?]+(?=\s+["“”'(\p{Lu}\p{N}•]|\s*$)/gu;

/**
 * Split text into sentences at `.`, `!` or `?` followed by white space and a capital, digit or
 * quote, or at the end. Known abbreviations ("e.g.") do not end a sentence.
 */
export function splitSentences(text: string, abbreviations: readonly string[]): SentenceRange[] {
  const ranges: SentenceRange[] = [];
  let start = skipSpace(text, 0);
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const at = m.index;
    const word = wordBefore(text, Math.max(start, at - 12), at).toLowerCase();
    if (abbreviations.includes(word) || /^\p{L}$/u.test(word)) continue;
    const end = at + m[0].length;
    if (end > start) ranges.push({ start, end });
    start = skipSpace(text, end);
  }
  const tailEnd = text.trimEnd().length;
  if (tailEnd > start) ranges.push({ start, end: tailEnd });
  return ranges;
}

/**
 * The letters and full stops that end text.slice(from, to), as `/([\p{L}.]+)$/u` would find them
 * there ("e.g" before the full stop of "e.g."); read backwards, without a slice and a pattern.
 */
function wordBefore(text: string, from: number, to: number): string {
  let k = to;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    if (c === 0x2e || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
      k--;
      continue;
    }
    if (c < 0x80) break;
    // A letter outside ASCII: one code unit, or a surrogate pair that lies wholly inside the range.
    const pair = c >= 0xdc00 && c <= 0xdfff && k - 2 >= from && isHighSurrogate(text.charCodeAt(k - 2));
    const width = pair ? 2 : 1;
    if (!LETTER.test(text.slice(k - width, k))) break;
    k -= width;
  }
  return text.slice(k, to);
}

const LETTER = /^\p{L}$/u;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/u.test(text[i] as string)) i++;
  return i;
}
