import type { Nodes, Root, RootContent } from 'mdast';

/** A run of text in a block and where it starts in the source file. */
interface Segment {
  textStart: number;
  sourceStart: number;
  length: number;
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
}

export type Block = { kind: 'text'; block: TextBlock } | { kind: 'list'; items: TextBlock[] };

export interface Section {
  heading?: TextBlock;
  blocks: Block[];
}

/** Map an offset in the block's text to an offset in the source file. */
export function toSourceOffset(block: TextBlock, textOffset: number): number {
  let found: Segment | undefined;
  for (const s of block.segments) {
    if (s.textStart <= textOffset) found = s;
    else break;
  }
  if (!found) return block.segments[0]?.sourceStart ?? 0;
  return found.sourceStart + Math.min(textOffset - found.textStart, found.length);
}

/** Map a text range [start, end) to a source range; the end maps through its last character. */
export function toSourceRange(block: TextBlock, start: number, end: number): [number, number] {
  const from = toSourceOffset(block, start);
  const to = end > start ? toSourceOffset(block, end - 1) + 1 : from;
  return [from, Math.max(from, to)];
}

/** Collect the text leaves of a node, in order, into a TextBlock. */
export function textBlockOf(node: Nodes, kind: TextBlock['kind'], depth: number, source: string): TextBlock {
  const block: TextBlock = { kind, depth, text: '', segments: [] };
  let previousEnd: number | undefined;
  const stack: Nodes[] = [node];
  // Iterative walk: deeply nested input must not overflow the call stack.
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'list' && current !== node) continue; // nested lists are blocks of their own
    if (current.type === 'text' || current.type === 'inlineCode') {
      const start = current.position?.start.offset;
      const end = current.position?.end.offset;
      if (start === undefined || end === undefined) {
        appendUnplaced(block, current.value, previousEnd);
        continue;
      }
      if (previousEnd !== undefined && start > previousEnd && /\s/u.test(source.slice(previousEnd, start)) && !/\s$/u.test(block.text)) {
        block.segments.push({ textStart: block.text.length, sourceStart: previousEnd, length: 1 });
        block.text += ' ';
      }
      appendPlaced(block, current.value, start, end, source);
      previousEnd = end;
      continue;
    }
    if (current.type === 'break') {
      if (!/\s$/u.test(block.text) && current.position?.start.offset !== undefined) {
        block.segments.push({ textStart: block.text.length, sourceStart: current.position.start.offset, length: 1 });
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
  const slice = source.slice(start, end);
  if (slice === value) {
    block.segments.push({ textStart: block.text.length, sourceStart: start, length: value.length });
  } else {
    // The parser decoded something (an escape, an entity): map the value piecewise where it is
    // found in the source slice, else to the node's start.
    const at = slice.indexOf(value);
    block.segments.push({ textStart: block.text.length, sourceStart: at >= 0 ? start + at : start, length: at >= 0 ? value.length : 0 });
  }
  block.text += value;
}

function appendUnplaced(block: TextBlock, value: string, previousEnd: number | undefined): void {
  block.segments.push({ textStart: block.text.length, sourceStart: previousEnd ?? 0, length: 0 });
  block.text += value;
}

/**
 * Split a page into sections at its headings. A lone depth-1 heading at the top is the page
 * title; the remaining headings of the shallowest depth start sections, deeper ones stay inside.
 */
export function sectionsOf(tree: Root, source: string): Section[] {
  const children = tree.children.filter((c) => c.type !== 'yaml' && c.type !== 'html' && c.type !== 'definition');
  const headings = children.filter((c): c is Extract<RootContent, { type: 'heading' }> => c.type === 'heading');
  const first = headings[0];
  const titleIsAlone = first !== undefined && children[0] === first && first.depth === 1 && !headings.slice(1).some((h) => h.depth === 1);
  const rest = titleIsAlone ? headings.slice(1) : headings;
  const sectionDepth = rest.length > 0 ? Math.min(...rest.map((h) => h.depth)) : 0;

  const sections: Section[] = [{ blocks: [] }];
  for (const child of children) {
    const current = sections[sections.length - 1] as Section;
    if (child.type === 'heading') {
      const block = textBlockOf(child, 'heading', child.depth, source);
      if (child.depth <= sectionDepth || (titleIsAlone && child === first)) {
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
    if (current.type === 'paragraph') section.blocks.push({ kind: 'text', block: textBlockOf(current, 'paragraph', 0, source) });
    else if (current.type === 'list') {
      const items: TextBlock[] = [];
      const nested: RootContent[] = [];
      for (const item of current.children) {
        items.push(textBlockOf(item, 'list-item', 0, source));
        for (const c of item.children) if (c.type === 'list') nested.push(c);
      }
      section.blocks.push({ kind: 'list', items: items.filter((i) => i.text.trim() !== '') });
      for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as RootContent);
    } else if (current.type === 'table') {
      // Each row is read like a list item: "Swedish Customs | member".
      section.blocks.push({ kind: 'list', items: current.children.slice(1).map((row) => textBlockOf(row, 'list-item', 0, source)) });
    } else if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as RootContent);
    }
  }
}
