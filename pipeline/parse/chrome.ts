import { chromePhrases } from './chrome-phrases.js';
import type { SourceLine } from './lines.js';

/** A half-open range of offsets in the document. */
export interface Span {
  start: number;
  end: number;
}

/** What a chrome line holds; every span is a slice of the document. */
export type ChromeMatch =
  | { kind: 'control'; line: Span }
  | { kind: 'last-updated'; line: Span; date?: Span }
  | { kind: 'link-residue'; residue: Span; link?: Span };

const byLongestFirst = (a: string, b: string): number => b.length - a.length;
const phrases = Object.values(chromePhrases);
const linkResidues = phrases.flatMap((p) => p.linkResidue).sort(byLongestFirst);
const lastUpdatedLabels = phrases.flatMap((p) => p.lastUpdated).sort(byLongestFirst);
const controls = new Set(phrases.flatMap((p) => p.controls).map((c) => c.toLowerCase()));

/** A list marker at the start of a line's text: `•`, `-`, `*` or `–` and the whitespace after it. */
export const listMarker = /^[•*\-–]\s+/u;

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The chrome a line is, or undefined for content. Matching ignores case. */
export function matchChrome(line: SourceLine): ChromeMatch | undefined {
  const text = line.text;
  if (controls.has(text.toLowerCase())) return { kind: 'control', line: { start: line.start, end: line.end } };

  const label = lastUpdatedLabels.find((l) => sameText(text.slice(0, l.length), l));
  if (label !== undefined) {
    const rest = text.slice(label.length);
    const dateText = rest.trim();
    const dateStart = line.start + label.length + (rest.length - rest.trimStart().length);
    const date = dateText === '' ? undefined : { start: dateStart, end: dateStart + dateText.length };
    return { kind: 'last-updated', line: { start: line.start, end: line.end }, ...(date && { date }) };
  }

  const residue = linkResidues.find((r) => text.length >= r.length && sameText(text.slice(-r.length), r));
  if (residue !== undefined) {
    const residueStart = line.end - residue.length;
    // The link's text: no list marker before it, no separator or space before the residue.
    const head = text.slice(0, text.length - residue.length);
    const marker = listMarker.exec(head)?.[0].length ?? 0;
    const linkText = head.slice(marker).replace(/[\s,;:–-]+$/u, '');
    const link = linkText === '' ? undefined : { start: line.start + marker, end: line.start + marker + linkText.length };
    return { kind: 'link-residue', residue: { start: residueStart, end: line.end }, ...(link && { link }) };
  }
  return undefined;
}
