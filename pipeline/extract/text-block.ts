import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { List, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';

/** A run of text in a block and the range of the source it comes from. */
interface Segment {
  textStart: number;
  sourceStart: number;
  /** characters of text the segment covers */
  length: number;
  /** characters of source it covers: equal to length for text copied verbatim, else an entity, escape or white space run */
  sourceLength: number;
}

/**
 * The plain text of one block (heading, paragraph, list item) with a map back to the source,
 * so that a range found in the text becomes a range of the file.
 */
export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'list-item';
  depth: number;
  text: string;
  segments: Segment[];
  /** a table row's: where each cell's text starts in `text` */
  cellStarts?: number[];
}

export type Block = { kind: 'text'; block: TextBlock } | { kind: 'list'; items: TextBlock[] };

export interface Section {
  heading?: TextBlock;
  blocks: Block[];
}

function segmentAt(block: TextBlock, textOffset: number): Segment | undefined {
  let found: Segment | undefined;
  for (const s of block.segments) {
    if (s.textStart <= textOffset) found = s;
    else break;
  }
  return found;
}

/** Map an offset in the block's text to the source offset where that character starts. */
export function toSourceOffset(block: TextBlock, textOffset: number): number {
  const s = segmentAt(block, textOffset);
  if (!s) return block.segments[0]?.sourceStart ?? 0;
  if (s.length === s.sourceLength) return s.sourceStart + Math.min(textOffset - s.textStart, s.length);
  return s.sourceStart;
}

/** Map a text range [start, end) to a source range; the end maps through its last character. */
export function toSourceRange(block: TextBlock, start: number, end: number): [number, number] {
  const from = toSourceOffset(block, start);
  if (end <= start) return [from, from];
  const s = segmentAt(block, end - 1);
  let to = from;
  if (s) to = s.length === s.sourceLength ? s.sourceStart + Math.min(end - 1 - s.textStart, s.length - 1) + 1 : s.sourceStart + s.sourceLength;
  return [from, Math.max(from, to)];
}

/** Collect the text leaves of a node, in order, into a TextBlock. */
export function textBlockOf(node: Nodes, kind: TextBlock['kind'], depth: number, source: string): TextBlock {
  const block: TextBlock = { kind, depth, text: '', segments: [] };
  let previousEnd: number | undefined;
  // A table row's cells are words apart even where the source has nothing between them (`<td>A</td><td>B</td>`).
  let newCell = false;
  const stack: Nodes[] = [node];
  // Iterative walk: deeply nested input must not overflow the call stack.
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'list' && current !== node) continue; // nested lists are blocks of their own
    if (current.type === 'tableCell') {
      newCell = block.text !== '';
      (block.cellStarts ??= []).push(-1); // placed at the cell's first text, below
    }
    if (current.type === 'text' || current.type === 'inlineCode') {
      const start = current.position?.start.offset;
      const end = current.position?.end.offset;
      if (start === undefined || end === undefined) {
        appendUnplaced(block, current.value, previousEnd);
        continue;
      }
      if (previousEnd !== undefined && start > previousEnd && /\s/u.test(source.slice(previousEnd, start)) && !/\s$/u.test(block.text)) {
        block.segments.push({ textStart: block.text.length, sourceStart: previousEnd, length: 1, sourceLength: 1 });
        block.text += ' ';
      }
      if (newCell && previousEnd !== undefined) {
        // Cells apart as a list's items are, so that a name never runs on into the next cell
        // ("Swedish Customs | Member"): a separator of no length in the source, where the cell ends.
        const separator = /\s$/u.test(block.text) ? '| ' : ' | ';
        block.segments.push({ textStart: block.text.length, sourceStart: previousEnd, length: separator.length, sourceLength: 0 });
        block.text += separator;
      }
      newCell = false;
      if (block.cellStarts?.at(-1) === -1) block.cellStarts[block.cellStarts.length - 1] = block.text.length;
      appendPlaced(block, current.value, start, end, source);
      previousEnd = end;
      continue;
    }
    if (current.type === 'break') {
      if (!/\s$/u.test(block.text) && current.position?.start.offset !== undefined) {
        block.segments.push({ textStart: block.text.length, sourceStart: current.position.start.offset, length: 1, sourceLength: 1 });
        block.text += ' ';
      }
      continue;
    }
    if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
    }
  }
  return block;
}

function appendPlaced(block: TextBlock, value: string, start: number, end: number, source: string): void {
  for (const segment of alignText(value, source, start, end)) block.segments.push({ ...segment, textStart: block.text.length + segment.textStart });
  block.text += value;
}

/**
 * Align a node's text with the source it was parsed from. Most text is verbatim; HTML entities
 * ("&amp;"), Markdown escapes ("\\*") and white space that a parser collapsed map to their own
 * source ranges, so evidence quotes stay exactly the source's text.
 */
export function alignText(value: string, source: string, start: number, nodeEnd: number): Segment[] {
  // A transform (remark-gfm's autolink literals) can leave a node whose position ends before its
  // text does: go on matching in the source after the node's end while the characters agree.
  const end = Math.max(nodeEnd, Math.min(source.length, nodeEnd + value.length));
  // Most text is the source verbatim: one segment, as the walk below would find it.
  if (value.length > 0 && nodeEnd >= start && source.slice(start, start + value.length) === value) return [{ textStart: 0, sourceStart: start, length: value.length, sourceLength: value.length }];
  const segments: Segment[] = [];
  const push = (textStart: number, sourceStart: number, length: number, sourceLength: number) => {
    const last = segments[segments.length - 1];
    const verbatim = length === sourceLength;
    if (last && verbatim && last.length === last.sourceLength && last.textStart + last.length === textStart && last.sourceStart + last.sourceLength === sourceStart) {
      last.length += length;
      last.sourceLength += sourceLength;
    } else segments.push({ textStart, sourceStart, length, sourceLength });
  };
  let i = 0;
  let j = start;
  while (i < value.length) {
    const c = value[i] as string;
    if (j >= end) {
      push(i, end, value.length - i, 0);
      break;
    }
    const s = source[j] as string;
    // "&amp;" in the source is "&" in the text: read as the entity, not as a literal "&" followed by "amp;"
    const entity = s === '&' ? entityAt(source, j, end, value, i) : undefined;
    if (entity) {
      push(i, j, entity.decoded, entity.sourceLength);
      i += entity.decoded;
      j += entity.sourceLength;
    } else if (c === s) {
      push(i, j, 1, 1);
      i++;
      j++;
    } else if (/\s/u.test(c) && /\s/u.test(s)) {
      let i2 = i;
      while (i2 < value.length && /\s/u.test(value[i2] as string)) i2++;
      let j2 = j;
      while (j2 < end && /\s/u.test(source[j2] as string)) j2++;
      push(i, j, i2 - i, j2 - j);
      i = i2;
      j = j2;
    } else if (/\s/u.test(s)) {
      j++; // white space the parser removed
    } else if (s === '<' && /^<(!--|\/?[a-z])/iu.test(source.slice(j, j + 5))) {
      // An inline element's tag inside text that the HTML parser joined ("led by <span>the</span> …").
      const close = source.startsWith('<!--', j) ? source.indexOf('-->', j) + 3 : source.indexOf('>', j) + 1;
      if (close <= j || close > end) {
        push(i, j, value.length - i, end - j);
        break;
      }
      j = close;
    } else if (s === '\\' && source[j + 1] === c) {
      push(i, j, 1, 2);
      i++;
      j += 2;
    } else {
      // Something the parser changed that is not known here: map the rest to where it starts.
      push(i, j, value.length - i, end - j);
      break;
    }
  }
  return segments;
}

/** The character reference at source[j] when the text at value[i] is what it decodes to: its decoded and source lengths. */
function entityAt(source: string, j: number, end: number, value: string, i: number): { decoded: number; sourceLength: number } | undefined {
  const entity = /^&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/iu.exec(source.slice(j, Math.min(end, j + 40)));
  if (!entity || entity[0].length < 2) return undefined;
  const decoded = decodeEntity(entity[1] as string);
  return decoded !== undefined && decoded !== '' && value.startsWith(decoded, i) ? { decoded: decoded.length, sourceLength: entity[0].length } : undefined;
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
  const named = decodeNamedCharacterReference(body);
  return named === false ? undefined : named;
}

function appendUnplaced(block: TextBlock, value: string, previousEnd: number | undefined): void {
  block.segments.push({ textStart: block.text.length, sourceStart: previousEnd ?? 0, length: value.length, sourceLength: 0 });
  block.text += value;
}

/**
 * Split a page into sections at its headings. A lone depth-1 heading at the top is the page
 * title; the remaining headings of the shallowest depth start sections, deeper ones stay inside.
 * A heading `opensSection` refuses ("Who takes part?") stays inside the section before it.
 */
export function sectionsOf(tree: Root, source: string, opensSection: (text: string) => boolean = () => true): Section[] {
  const children = tree.children.filter((c) => c.type !== 'yaml' && c.type !== 'html' && c.type !== 'definition');
  const blocks = new Map<RootContent, TextBlock>();
  for (const c of children) if (c.type === 'heading') blocks.set(c, textBlockOf(c, 'heading', c.depth, source));
  const inner = new Set(children.filter((c) => c.type === 'heading' && !opensSection((blocks.get(c) as TextBlock).text)));
  const headings = children.filter((c): c is Extract<RootContent, { type: 'heading' }> => c.type === 'heading' && !inner.has(c));
  const first = headings[0];
  const titleIsAlone = first !== undefined && children[0] === first && first.depth === 1 && !headings.slice(1).some((h) => h.depth === 1);
  const rest = titleIsAlone ? headings.slice(1) : headings;
  const sectionDepth = rest.length > 0 ? Math.min(...rest.map((h) => h.depth)) : 0;

  const sections: Section[] = [{ blocks: [] }];
  for (const child of children) {
    const current = sections[sections.length - 1] as Section;
    if (child.type === 'heading') {
      const block = blocks.get(child) as TextBlock;
      if (!inner.has(child) && (child.depth <= sectionDepth || (titleIsAlone && child === first))) {
        sections.push({ heading: block, blocks: [] });
      } else current.blocks.push({ kind: 'text', block });
      continue;
    }
    addBlocks(child, current, source);
  }
  return sections.filter((s) => s.heading !== undefined || s.blocks.length > 0);
}

function addBlocks(node: RootContent, section: Section, source: string): void {
  const stack: RootContent[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as RootContent;
    if (current.type === 'paragraph') addParagraph(current, section, source);
    else if (current.type === 'list') {
      const items: TextBlock[] = [];
      const nested: RootContent[] = [];
      for (const item of current.children) {
        items.push(textBlockOf(item, 'list-item', 0, source));
        for (const c of item.children) if (c.type === 'list') nested.push(c);
      }
      // Items that only label the lists inside them ("State authorities" › A, B; "Others" › C):
      // one list of the inner items, as a flat list would be.
      const labels = nested.length === current.children.length && current.children.every((item) => item.children.some((c) => c.type === 'list')) && items.every((i) => i.text.trim().split(/\s+/u).length <= 6);
      if (labels) {
        const inner: TextBlock[] = [];
        const deeper: RootContent[] = [];
        for (const list of nested as List[]) {
          for (const item of list.children) {
            inner.push(textBlockOf(item, 'list-item', 0, source));
            for (const c of item.children) if (c.type === 'list') deeper.push(c);
          }
        }
        section.blocks.push({ kind: 'list', items: inner.filter(hasText) });
        for (let i = deeper.length - 1; i >= 0; i--) stack.push(deeper[i] as RootContent);
        continue;
      }
      section.blocks.push({ kind: 'list', items: items.filter(hasText) });
      for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as RootContent);
    } else if (current.type === 'table') {
      // Each row is read like a list item: "Swedish Customs | member".
      // Rows without text are left out, as empty list items are: they hold no name to place.
      section.blocks.push({ kind: 'list', items: current.children.slice(1).map((row) => textBlockOf(row, 'list-item', 0, source)).filter(hasText) });
    } else if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as RootContent);
    }
  }
}

/** A block with text from the source: empty items and items of no source text hold no name to place. */
function hasText(block: TextBlock): boolean {
  return block.text.trim() !== '' && block.segments.some((s) => s.sourceLength > 0);
}

/**
 * A paragraph, or (lines parted by line breaks, `<br>`, as some pages write a list) a list of
 * its short lines: "Members:<br>A<br>B<br>C" is a paragraph "Members:" and a list A, B, C.
 * Lines are short when they have at most twelve words and no full stop at the end.
 */
function addParagraph(paragraph: Paragraph, section: Section, source: string): void {
  let breaks = 0;
  for (const child of paragraph.children) if (child.type === 'break') breaks++;
  if (breaks < 2) {
    section.blocks.push({ kind: 'text', block: textBlockOf(paragraph, 'paragraph', 0, source) });
    return;
  }
  const lines: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type === 'break') lines.push([]);
    else lines.at(-1)?.push(child);
  }
  const blocks = lines.filter((l) => l.length > 0).map((children) => textBlockOf({ type: 'paragraph', children }, 'paragraph', 0, source));
  const short = (b: TextBlock) => b.text.trim().split(/\s+/u).length <= 12 && !/[.!?]\s*$/u.test(b.text);
  if (blocks.length < 3 || !blocks.slice(1).every(short)) {
    section.blocks.push({ kind: 'text', block: textBlockOf(paragraph, 'paragraph', 0, source) });
    return;
  }
  const [first, ...rest] = blocks as [TextBlock, ...TextBlock[]];
  const intro = !short(first) || /:\s*$/u.test(first.text);
  if (intro) section.blocks.push({ kind: 'text', block: first });
  section.blocks.push({ kind: 'list', items: (intro ? rest : blocks).map((b) => ({ ...b, kind: 'list-item' as const })).filter(hasText) });
}
