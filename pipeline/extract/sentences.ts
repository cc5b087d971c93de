/** A sentence of a block's text: [start, end) offsets into that text. */
export interface SentenceRange {
  start: number;
  end: number;
}

/**
 * Split text into sentences at `.`, `!` or `?` followed by white space and a capital, digit or
 * quote, or at the end. Known abbreviations ("e.g.") do not end a sentence.
 */
export function splitSentences(text: string, abbreviations: readonly string[]): SentenceRange[] {
  const ranges: SentenceRange[] = [];
  const boundary = /[.!?]+(?=\s+["“”'(\p{Lu}\p{N}•]|\s*$)/gu;
  let start = skipSpace(text, 0);
  for (const m of text.matchAll(boundary)) {
    const at = m.index ?? 0;
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, at - 12), at))?.[1]?.toLowerCase() ?? '';
    if (abbreviations.includes(word) || /^\p{L}$/u.test(word)) continue;
    const end = at + m[0].length;
    if (end > start) ranges.push({ start, end });
    start = skipSpace(text, end);
  }
  const tailEnd = text.trimEnd().length;
  if (tailEnd > start) ranges.push({ start, end: tailEnd });
  return ranges;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/u.test(text[i] as string)) i++;
  return i;
}
