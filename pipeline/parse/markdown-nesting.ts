/**
 * Bounding the nesting of Markdown containers (block quotes and list items) before micromark.
 *
 * micromark's time grows with the square of the container depth (10,000 levels of `- - - …`
 * take minutes; every line inside D containers costs D steps) and remark-gfm's transforms
 * recurse once per level, overflowing the call stack. So the page is scanned line by line, as CommonMark opens and continues containers,
 * and the first marker that would open a container deeper than `maxContainerDepth` is hidden
 * from the parser: in the copy it parses, that marker's first character is replaced by a
 * private-use character (same length, so every offset, line and column stays the file's), and
 * the rest of the line is read as text. `restoreHiddenMarkers` puts the original characters
 * back into the tree's values, so the text is exactly the source's.
 *
 * The scan follows CommonMark closely enough to bound the depth: it may count a container
 * CommonMark would not open (a lazy line, a marker inside a fenced code block), never fewer.
 */
import type { Nodes, Root } from 'mdast';

/** Open block quotes and list items kept as written: markdown-it's default `maxNesting` too, far beyond real pages. */
export const maxContainerDepth = 100;

export interface HiddenMarker {
  /** offset of the marker's first character (`>`, `-`, `*`, `+` or the first digit) */
  offset: number;
  char: string;
}

export interface LimitedMarkdown {
  /** the text for the parser: the page with each hidden marker's first character replaced */
  text: string;
  /** in source order */
  hidden: HiddenMarker[];
  /** the character that stands in for a hidden marker (one that the page does not contain) */
  replacement: string;
}

type Container = { kind: 'quote' } | { kind: 'item'; content: number };

interface Cursor {
  offset: number;
  /** column from the start of the line, tabs advancing to the next multiple of 4 (CommonMark) */
  column: number;
}

const lineEnding = /\r\n|\r|\n/gu;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;

/** The page as the parser may see it, or undefined when no container is nested too deep. */
export function limitMarkdownNesting(doc: string, limit = maxContainerDepth): LimitedMarkdown | undefined {
  const hidden: HiddenMarker[] = [];
  const open: Container[] = [];
  let previousWasText = false;
  let lineStart = 0;
  const lineEnds = [...doc.matchAll(lineEnding)].map((m) => [m.index, m.index + m[0].length] as const);
  lineEnds.push([doc.length, doc.length]);
  for (const [end, next] of lineEnds) {
    const line = { start: lineStart, end };
    lineStart = next;
    const at: Cursor = { offset: line.start, column: 0 };
    const matched = continueContainers(doc, line.end, at, open);
    const markers = thematicBreak.test(doc.slice(at.offset, line.end)) ? [] : newContainers(doc, line.end, at);
    const restIsBlank = skipWhitespace(doc, line.end, { ...at }).offset === line.end;
    // A lazy continuation line (text right after text, no new marker) leaves every container open.
    const lazy = previousWasText && markers.length === 0 && !restIsBlank;
    if (matched < open.length && !lazy) open.length = matched;
    let hiddenHere = false;
    for (const marker of markers) {
      if (open.length >= limit) {
        hidden.push({ offset: marker.offset, char: doc[marker.offset] as string });
        hiddenHere = true;
        break;
      }
      open.push(marker.container);
    }
    previousWasText = hiddenHere || !restIsBlank;
  }
  if (hidden.length === 0) return undefined;
  const replacement = unusedCharacter(doc);
  let text = '';
  let from = 0;
  for (const marker of hidden) {
    text += doc.slice(from, marker.offset) + replacement;
    from = marker.offset + 1;
  }
  return { text: text + doc.slice(from), hidden, replacement };
}

/** Match the line's start against the open containers; returns how many continue. */
function continueContainers(doc: string, end: number, at: Cursor, open: readonly Container[]): number {
  let matched = 0;
  for (const container of open) {
    const probe = { ...at };
    if (container.kind === 'quote') {
      consumeColumns(doc, probe, 4, end);
      if (probe.column - at.column > 3 || doc[probe.offset] !== '>' || probe.offset >= end) break;
      Object.assign(at, probe);
      consumeQuoteMarker(doc, end, at);
    } else {
      // Only as many columns as the item needs are looked at, so a deep line costs its depth, not depth × indentation.
      consumeColumns(doc, probe, container.content, end);
      const indented = probe.column - at.column >= container.content;
      // A blank line (or a blank rest of a line) keeps a list item open.
      if (!indented && skipWhitespace(doc, end, probe).offset < end) break;
      Object.assign(at, probe);
    }
    matched++;
  }
  return matched;
}

/** The container markers that start at `at`, each with the container it opens; moves `at` past them. */
function newContainers(doc: string, end: number, at: Cursor): { offset: number; container: Container }[] {
  const found: { offset: number; container: Container }[] = [];
  for (;;) {
    const indent = skipWhitespace(doc, end, { ...at });
    const indentWidth = indent.column - at.column;
    if (indentWidth > 3 || indent.offset >= end) break;
    if (doc[indent.offset] === '>') {
      found.push({ offset: indent.offset, container: { kind: 'quote' } });
      Object.assign(at, indent);
      consumeQuoteMarker(doc, end, at);
      continue;
    }
    const width = listMarkerWidth(doc, indent.offset, end);
    if (width === 0) break;
    const afterMarker: Cursor = { offset: indent.offset + width, column: indent.column + width };
    const after = skipWhitespace(doc, end, { ...afterMarker });
    const spaces = after.offset === end || after.column - afterMarker.column > 4 ? 1 : after.column - afterMarker.column;
    found.push({ offset: indent.offset, container: { kind: 'item', content: indentWidth + width + spaces } });
    Object.assign(at, afterMarker);
    consumeColumns(doc, at, spaces, end);
  }
  return found;
}

/** `-`, `+`, `*` or 1–9 digits and `.` or `)`, followed by white space or the end of the line; 0 when none. */
function listMarkerWidth(doc: string, offset: number, end: number): number {
  let width = 0;
  const c = doc[offset];
  if (c === '-' || c === '+' || c === '*') width = 1;
  else {
    let digits = 0;
    while (digits < 10 && /[0-9]/u.test(doc[offset + digits] ?? '')) digits++;
    if (digits === 0 || digits > 9 || (doc[offset + digits] !== '.' && doc[offset + digits] !== ')')) return 0;
    width = digits + 1;
  }
  const next = doc[offset + width];
  return offset + width === end || next === ' ' || next === '\t' ? width : 0;
}

function consumeQuoteMarker(doc: string, end: number, at: Cursor): void {
  at.offset++;
  at.column++;
  if (at.offset < end && (doc[at.offset] === ' ' || doc[at.offset] === '\t')) consumeColumns(doc, at, 1, end);
}

function skipWhitespace(doc: string, end: number, at: Cursor): Cursor {
  while (at.offset < end && (doc[at.offset] === ' ' || doc[at.offset] === '\t')) advance(doc, at);
  return at;
}

/** Move past `columns` columns of white space (a tab may cover more). */
function consumeColumns(doc: string, at: Cursor, columns: number, end = doc.length): void {
  const target = at.column + columns;
  while (at.column < target && at.offset < end && (doc[at.offset] === ' ' || doc[at.offset] === '\t')) advance(doc, at);
}

function advance(doc: string, at: Cursor): void {
  at.column = doc[at.offset] === '\t' ? at.column + 4 - (at.column % 4) : at.column + 1;
  at.offset++;
}

/** A private-use character the page does not contain, so that a stand-in is never taken for the page's own text. */
function unusedCharacter(doc: string): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const candidate = String.fromCharCode(code);
    if (!doc.includes(candidate)) return candidate;
  }
  throw new Error('no private-use character is free to stand in for a hidden Markdown marker');
}

/**
 * Put each hidden marker's character back where the parser read its stand-in: in every literal
 * node (text, code, html, yaml) whose position covers the marker, in order.
 */
export function restoreHiddenMarkers(tree: Root, limited: LimitedMarkdown): void {
  const { hidden, replacement } = limited;
  const stack: Nodes[] = [tree];
  // Iterative: the tree may still be a few hundred levels deep.
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if ('children' in node) for (const child of node.children) stack.push(child);
    if (!('value' in node) || !node.value.includes(replacement)) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    let k = firstAtOrAfter(hidden, start);
    let value = '';
    let from = 0;
    for (let p = node.value.indexOf(replacement); p !== -1 && k < hidden.length && (hidden[k] as HiddenMarker).offset < end; p = node.value.indexOf(replacement, p + 1)) {
      value += node.value.slice(from, p) + (hidden[k] as HiddenMarker).char;
      from = p + 1;
      k++;
    }
    node.value = value + node.value.slice(from);
  }
}

/** Index of the first marker at or after `offset` (markers are in source order). */
function firstAtOrAfter(hidden: readonly HiddenMarker[], offset: number): number {
  let low = 0;
  let high = hidden.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((hidden[mid] as HiddenMarker).offset < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
