/**
 * Positions for the text that remark-gfm's autolink-literal transform splits.
 *
 * A bare URL or e-mail address that micromark does not tokenise itself (after an unclosed
 * `[`, for one) is found by a transform that replaces the text node holding it with new text
 * and link nodes, all without positions. Evidence for a name in those nodes then has nowhere to
 * point (it ended up as an empty quote at offset 0). So the text nodes are recorded before the
 * transforms run, and afterwards each run of new nodes gets the source range of the node it
 * replaced, piece by piece.
 */
import type { Nodes, Parent, Root, RootContent, Text } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Processor } from 'unified';
import type { Point } from 'unist';
import { location } from 'vfile-location';

export interface TextPositionKeeper {
  /** the unified plugin; `use` it after remark-gfm */
  plugin: (this: Processor) => void;
  /** give the split nodes of the tree parsed last the positions of what they replaced */
  repair(tree: Root, doc: string): void;
}

export function keepSplitTextPositions(): TextPositionKeeper {
  let originals = new Map<Parent, Text[]>();
  const record = (tree: Root) => {
    originals = new Map();
    for (const parent of parentsOf(tree)) {
      const texts = parent.children.filter((c): c is Text => c.type === 'text' && c.position?.start.offset !== undefined);
      if (texts.length > 0) originals.set(parent, texts);
    }
  };
  return {
    plugin(this: Processor) {
      // First of all transforms, so that the text is recorded before any of them splits it.
      const extensions = (this.data().fromMarkdownExtensions ??= []);
      extensions.unshift({ transforms: [record] });
    },
    repair(tree, doc) {
      const place = location(doc);
      for (const [parent, texts] of originals) {
        const present = new Set<RootContent>(parent.children);
        const replaced = texts.filter((t) => !present.has(t));
        if (replaced.length === 0) continue;
        const runs = unplacedRuns(parent.children);
        // Each replaced node became one run; anything else is not the transform's doing.
        if (runs.length !== replaced.length) continue;
        runs.forEach((run, i) => placeRun(run, replaced[i] as Text, doc, place.toPoint));
      }
      originals = new Map();
    },
  };
}

/** Every parent in the tree, without recursion. */
function parentsOf(tree: Root): Parent[] {
  const parents: Parent[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!('children' in node)) continue;
    parents.push(node);
    for (const child of node.children) stack.push(child);
  }
  return parents;
}

function unplacedRuns(children: readonly RootContent[]): RootContent[][] {
  const runs: RootContent[][] = [];
  let run: RootContent[] = [];
  for (const child of children) {
    if (child.position) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(child);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Spread `original`'s source range over the pieces it was split into: each piece found verbatim
 * from where the previous one ended gets its own range; a piece that is not (an entity or an
 * escape in it, a line's indentation) gets the source between its neighbours.
 */
function placeRun(run: RootContent[], original: Text, doc: string, toPoint: (offset: number) => Point | undefined): void {
  const start = original.position?.start.offset;
  const end = original.position?.end.offset;
  const texts = run.map((node) => mdastToString(node));
  if (start === undefined || end === undefined || texts.join('') !== original.value) return;
  const ranges: [number, number][] = [];
  let cursor = start;
  let pending: number | undefined;
  texts.forEach((text, i) => {
    const found = doc.startsWith(text, cursor) ? cursor : doc.indexOf(text, cursor);
    if (text === '' || found === -1 || found + text.length > end) {
      pending ??= i;
      ranges[i] = [cursor, cursor];
      return;
    }
    if (pending !== undefined) ranges[pending] = [cursor, found];
    pending = undefined;
    ranges[i] = [found, found + text.length];
    cursor = found + text.length;
  });
  if (pending !== undefined) ranges[pending] = [cursor, end];
  run.forEach((node, i) => {
    const [from, to] = ranges[i] as [number, number];
    const startPoint = toPoint(from);
    const endPoint = toPoint(to);
    if (!startPoint || !endPoint) return;
    const position = { start: startPoint, end: endPoint };
    node.position = position;
    // A link's text is the link: the same range.
    if ('children' in node) for (const child of node.children) child.position ??= { start: { ...startPoint }, end: { ...endPoint } };
  });
}
