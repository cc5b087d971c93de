/**
 * A unified parser for plain-text page snapshots (text copied out of a browser).
 *
 * Positions: every node, text nodes included, has a position whose offsets slice the
 * document string given to the parser to exactly the node's text (unist: line and
 * column 1-based, offset 0-based UTF-16, end exclusive). Line endings may be `\r\n`,
 * `\r` or `\n`. A byte order mark, if the string still has one, counts as one character
 * at offset 0 (line 1, column 1) and is never part of a node's value; `readPage` already
 * strips it, so in the pipeline offsets are relative to the text without BOM.
 *
 * Structure (blocks are runs of non-blank lines; whitespace-only lines are blank):
 * - lines that are page chrome are left out of the tree and recorded on `file.data`
 *   (`links`, `chrome`, `lastUpdated`; see vfile-data.ts);
 * - from the first line that starts with a list marker (`•`, `-`, `*`, `–` and
 *   whitespace, or a number of at most three digits and `.` or `)`: an ordered list) the
 *   rest of the block is a `list`; a list block right after another of the same kind, with
 *   only blank or chrome lines between, continues it; a numbered line alone is no list; a
 *   later line without a marker continues
 *   the previous item as one more `text` node in the item's paragraph (one text node per
 *   physical line; there is no node for the line break, so join text nodes with a line
 *   break or slice the source by the paragraph's position to read the whole item);
 *   lines before the first marker form a paragraph of their own;
 * - a single-line block of at most 160 characters that starts with an upper-case letter
 *   or digit, does not end in `.!:;,` and is not followed by a list is a `heading`:
 *   depth 1 when it is the first block, else 2;
 * - any other block is a `paragraph` with one `text` node per line.
 * Values are trimmed (leading indentation and trailing whitespace are not text).
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { Plugin, Processor } from 'unified';
import type { VFile } from 'vfile';
import './vfile-data.js';
import { listMarker, matchChrome, type ChromeMatch, type Span } from './chrome.js';
import { pointLocator, spanPosition, splitLines, type SourceLine } from './lines.js';
import { normaliseDate } from './parse-date.js';
import { messageOn } from '../util/message.js';

type ToPoint = (offset: number) => Point;

/** A run of content lines that becomes one block node. */
interface Segment {
  kind: 'lines' | 'list';
  lines: SourceLine[];
  /** True when the segment is a whole block (not the lines before a list in the same block). */
  wholeBlock: boolean;
  /** a list numbered "1." or "1)" */
  ordered?: boolean;
}

/** "1. ", "12) ": a numbered list item (three digits at most, so that a year starting a line is not one). */
const orderedMarker = /^\d{1,3}[.)]\s+/u;
const markerLength = (text: string): number | undefined => (listMarker.exec(text) ?? orderedMarker.exec(text))?.[0].length;

const maxHeadingLength = 160;
// a question may be a heading ("What is the MUR Initiative?"); the extractor decides whether it opens a section
const sentenceEnd = /[.!:;,]$/u;
const headingStart = /^[\p{Lu}\p{N}]/u;

/** The unified plugin: `unified().use(remarkPlainText).parse(file)`. */
export const remarkPlainText: Plugin<[], string, Root> = function (this: Processor) {
  this.parser = parsePlainText;
};

export function parsePlainText(doc: string, file: VFile): Root {
  const toPoint = pointLocator(doc);
  file.data.links = [];
  file.data.chrome = [];
  const blocks: SourceLine[][] = [[]];
  for (const line of splitLines(doc)) {
    const chrome = line.text === '' ? undefined : matchChrome(line);
    if (line.text === '') blocks.push([]);
    else if (chrome) recordChrome(chrome, doc, file, toPoint);
    else blocks.at(-1)?.push(line);
  }
  const segments = joinLists(blocks.filter((b) => b.length > 0).flatMap(splitBlock));
  const children = segments.map((segment, i): RootContent => {
    if (segment.kind === 'list') return listNode(segment.lines, segment.ordered ?? false, toPoint);
    if (isHeading(segment, segments[i + 1])) return headingNode(segment.lines[0] as SourceLine, i === 0 ? 1 : 2, toPoint);
    return paragraphNode(segment.lines.map((l) => textNode(l.start, l.end, doc, toPoint)));
  });
  return { type: 'root', children, position: spanPosition(toPoint, 0, doc.length) };
}

function splitBlock(lines: SourceLine[]): Segment[] {
  const firstMarker = lines.findIndex((l) => markerLength(l.text) !== undefined);
  if (firstMarker === -1) return [{ kind: 'lines', lines, wholeBlock: true }];
  const ordered = !listMarker.test((lines[firstMarker] as SourceLine).text);
  const list: Segment = { kind: 'list', lines: lines.slice(firstMarker), wholeBlock: firstMarker === 0, ordered };
  if (firstMarker === 0) return [list];
  return [{ kind: 'lines', lines: lines.slice(0, firstMarker), wholeBlock: false }, list];
}

/**
 * Items a blank line (or a chrome line between blank lines) parts are one list, as a browser's
 * copy of a list with spaced items gives them: a list block right after a list block of the
 * same kind continues it. A numbered line alone ("1. Background"), with no list beside it, is
 * no list.
 */
function joinLists(segments: Segment[]): Segment[] {
  const joined: Segment[] = [];
  for (const segment of segments) {
    const previous = joined.at(-1);
    if (segment.kind === 'list' && segment.wholeBlock && previous?.kind === 'list' && previous.ordered === segment.ordered) {
      joined[joined.length - 1] = { ...previous, lines: [...previous.lines, ...segment.lines] };
      continue;
    }
    joined.push(segment);
  }
  return joined.map((s) => (s.kind === 'list' && s.ordered && s.lines.length === 1 && s.wholeBlock ? { kind: 'lines', lines: s.lines, wholeBlock: true } : s));
}

function isHeading(segment: Segment, next: Segment | undefined): boolean {
  const line = segment.lines[0];
  if (!segment.wholeBlock || segment.lines.length !== 1 || line === undefined) return false;
  return (
    [...line.text].length <= maxHeadingLength &&
    !sentenceEnd.test(line.text) &&
    headingStart.test(line.text) &&
    next?.kind !== 'list'
  );
}

function textNode(start: number, end: number, doc: string, toPoint: ToPoint): Text {
  return { type: 'text', value: doc.slice(start, end), position: spanPosition(toPoint, start, end) };
}

function paragraphNode(children: Text[]): Paragraph {
  const first = children[0]?.position;
  const last = children.at(-1)?.position;
  // Copies, so that a later transform moving one node never moves another.
  return { type: 'paragraph', children, ...(first && last && { position: { start: { ...first.start }, end: { ...last.end } } }) };
}

function headingNode(line: SourceLine, depth: 1 | 2, toPoint: ToPoint): Heading {
  const text: Text = { type: 'text', value: line.text, position: spanPosition(toPoint, line.start, line.end) };
  return { type: 'heading', depth, children: [text], position: spanPosition(toPoint, line.start, line.end) };
}

function listNode(lines: SourceLine[], ordered: boolean, toPoint: ToPoint): List {
  const items: { markerStart: number; texts: Text[] }[] = [];
  for (const line of lines) {
    const marker = markerLength(line.text);
    const start = line.start + (marker ?? 0);
    const text: Text = { type: 'text', value: line.text.slice(marker ?? 0), position: spanPosition(toPoint, start, line.end) };
    const current = items.at(-1);
    // The first line of a list segment always has a marker, so `current` exists for a continuation.
    if (marker === undefined && current) current.texts.push(text);
    else items.push({ markerStart: line.start, texts: [text] });
  }
  const children = items.map(({ markerStart, texts }): ListItem => {
    const paragraph = paragraphNode(texts);
    const end = paragraph.position ? { ...paragraph.position.end } : toPoint(markerStart);
    return { type: 'listItem', spread: false, children: [paragraph], position: { start: toPoint(markerStart), end } };
  });
  const start = children[0]?.position?.start;
  const end = children.at(-1)?.position?.end;
  return { type: 'list', ordered, spread: false, children, ...(start && end && { position: { start: { ...start }, end: { ...end } } }) };
}

function recordChrome(chrome: ChromeMatch, doc: string, file: VFile, toPoint: ToPoint): void {
  const entry = (kind: ChromeMatch['kind'], span: Span) => ({ kind, text: doc.slice(span.start, span.end), position: spanPosition(toPoint, span.start, span.end) });
  file.data.chrome ??= [];
  file.data.links ??= [];
  if (chrome.kind === 'link-residue') {
    file.data.chrome.push(entry('link-residue', chrome.residue));
    if (chrome.link) file.data.links.push({ text: doc.slice(chrome.link.start, chrome.link.end), position: spanPosition(toPoint, chrome.link.start, chrome.link.end) });
    return;
  }
  file.data.chrome.push(entry(chrome.kind, chrome.line));
  if (chrome.kind === 'last-updated' && chrome.date) recordLastUpdated(doc.slice(chrome.date.start, chrome.date.end), chrome.date, file, toPoint);
}

function recordLastUpdated(dateText: string, span: Span, file: VFile, toPoint: ToPoint): void {
  const place = spanPosition(toPoint, span.start, span.end);
  const date = normaliseDate(dateText);
  if (date === undefined) {
    messageOn(file, `Unexpected update date \`${dateText}\`, expected a date such as 2024-05-13 or 13 May 2024`, { place, ruleId: 'page-date-invalid', source: 'samverkan' });
  } else if (file.data.lastUpdated === undefined) {
    file.data.lastUpdated = date;
  } else if (file.data.lastUpdated !== date) {
    messageOn(file, `Unexpected second update date \`${date}\`, expected one date (first: ${file.data.lastUpdated})`, { place, ruleId: 'page-date-conflict', source: 'samverkan' });
  }
}
