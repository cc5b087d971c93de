import type { Node, Point } from 'unist';
import { visit } from 'unist-util-visit';
import { expect } from 'vitest';

/** Line and column of `offset` counted independently of the code under test (`\r\n`, `\r`, `\n`). */
function pointAt(doc: string, offset: number): Point {
  const before = doc.slice(0, offset).split(/\r\n|\r|\n/);
  // A `\r` right before `offset` may be the first half of a `\r\n` split at `offset`; positions never point there.
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, offset };
}

/**
 * Every node has a position whose line/column agree with its offsets, children lie
 * within their parent, and every text node's value is exactly the source slice.
 */
export function expectExactPositions(tree: Node, doc: string): number {
  let textNodes = 0;
  visit(tree, (node, _index, parent) => {
    const position = node.position;
    expect(position, `${node.type} has a position`).toBeDefined();
    if (!position) return;
    const { start, end } = position;
    expect(start, `${node.type} start`).toEqual(pointAt(doc, start.offset ?? -1));
    expect(end, `${node.type} end`).toEqual(pointAt(doc, end.offset ?? -1));
    expect(end.offset ?? 0).toBeGreaterThanOrEqual(start.offset ?? 0);
    // visit's types infer no possible parent for a plain unist Node.
    const parentPosition = (parent as Node | undefined)?.position;
    if (parentPosition) {
      expect(start.offset ?? 0).toBeGreaterThanOrEqual(parentPosition.start.offset ?? 0);
      expect(end.offset ?? 0).toBeLessThanOrEqual(parentPosition.end.offset ?? 0);
    }
    if (node.type === 'text') {
      textNodes += 1;
      expect(doc.slice(start.offset, end.offset)).toBe((node as Node & { value: string }).value);
    }
  });
  return textNodes;
}

/** Every node of a type, in document order. */
export function nodesOfType<T extends Node>(tree: Node, type: string): T[] {
  const found: T[] = [];
  visit(tree, type, (node) => {
    found.push(node as T);
  });
  return found;
}
