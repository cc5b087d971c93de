/**
 * Bounding the nesting of a parsed HTML document before it becomes hast.
 *
 * parse5 builds any depth iteratively, but hast-util-from-parse5, hast-util-select and
 * hast-util-to-mdast recurse once per level, so 10,000 nested `<div>`s overflow the call stack.
 * An element at `maxElementDepth` whose subtree goes more than `keptSubtreeHeight` levels
 * deeper is flattened: the descendants in between are unwrapped, and what they held — text,
 * comments and small subtrees, which keep their own elements (`<b>`, `<a>`, `<script>`) — is
 * regrouped under the element in document order. Text is never dropped: each run of it stays
 * with its neighbours from the same unwrapped parent, in a `<div>` of its own, so that text
 * from different blocks does not run together and every text node keeps its source location.
 */
import { defaultTreeAdapter, html, type DefaultTreeAdapterMap } from 'parse5';
import type { Point } from 'unist';

type Document = DefaultTreeAdapterMap['document'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/** Element depth (the `<html>` element is 1) kept as parsed. */
export const maxElementDepth = 200;
/** Subtrees at most this tall below the limit stay whole, so inline markup and chrome keep their elements. */
export const keptSubtreeHeight = 10;

export interface FlattenedNesting {
  /** depth of the deepest element as parsed */
  deepest: number;
  /** how many elements were unwrapped */
  unwrapped: number;
  /** where the first unwrapped element starts */
  place?: Point;
}

const isElement = (node: DefaultTreeAdapterMap['node']): node is Element => 'tagName' in node;
const isTemplate = (node: Element): node is DefaultTreeAdapterMap['template'] => node.tagName === 'template' && 'content' in node;
/** A template's content is its subtree too: hast-util-from-parse5 recurses into it. */
const childrenOf = (node: ParentNode): ChildNode[] => (isElement(node) && isTemplate(node) ? node.content.childNodes : node.childNodes);

/** Flatten `document` in place where it is nested too deep; undefined when nothing was. */
export function flattenDeepNesting(document: Document): FlattenedNesting | undefined {
  const { heights, atLimit, deepest } = measure(document);
  const tooTall = atLimit.filter((element) => (heights.get(element) ?? 0) > keptSubtreeHeight);
  if (tooTall.length === 0) return undefined;
  const result: FlattenedNesting = { deepest, unwrapped: 0 };
  for (const element of tooTall) flatten(element, heights, result);
  return result;
}

/** Each element's height (1 for an element without child elements) and the elements at the depth limit. */
function measure(document: Document): { heights: Map<Element, number>; atLimit: Element[]; deepest: number } {
  const heights = new Map<Element, number>();
  const atLimit: Element[] = [];
  let deepest = 0;
  // Iterative post-order walk: `exit` entries compute an element's height once its children have one.
  const stack: { node: ParentNode; depth: number; exit: boolean }[] = [{ node: document, depth: 0, exit: false }];
  while (stack.length > 0) {
    const { node, depth, exit } = stack.pop() as (typeof stack)[number];
    const children = childrenOf(node).filter(isElement);
    if (exit) {
      // A loop, not Math.max(...spread): an element may have more children than a call takes arguments.
      let tallest = 0;
      for (const child of children) tallest = Math.max(tallest, heights.get(child) ?? 0);
      if (isElement(node)) heights.set(node, 1 + tallest);
      continue;
    }
    deepest = Math.max(deepest, depth);
    if (depth === maxElementDepth && isElement(node)) atLimit.push(node);
    stack.push({ node, depth, exit: true });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Element, depth: depth + 1, exit: false });
  }
  return { heights, atLimit, deepest };
}

/** Replace `element`'s children by the runs of content found in its too-tall subtree, in document order. */
function flatten(element: Element, heights: Map<Element, number>, result: FlattenedNesting): void {
  const regrouped: ChildNode[] = [];
  let run: ChildNode[] = [];
  const endRun = () => {
    const hasText = run.some((n) => n.nodeName === '#text' && !isHtmlWhitespace((n as DefaultTreeAdapterMap['textNode']).value));
    if (hasText) regrouped.push(wrap(run));
    else regrouped.push(...run.filter((n) => n.nodeName !== '#text'));
    run = [];
  };
  const endOfParent = Symbol('end of an unwrapped element');
  const work: (ChildNode | typeof endOfParent)[] = [...childrenOf(element)].reverse();
  while (work.length > 0) {
    const node = work.pop() as ChildNode | typeof endOfParent;
    if (node === endOfParent) {
      endRun();
      continue;
    }
    if (!isElement(node) || (heights.get(node) ?? 0) <= keptSubtreeHeight) {
      run.push(node);
      continue;
    }
    if (isTemplate(node)) {
      // A template's content is inert markup, never page text (rehypeMainContent drops every template).
      node.content.childNodes = [];
      run.push(node);
      continue;
    }
    endRun();
    result.unwrapped++;
    const start = node.sourceCodeLocation;
    if (result.place === undefined && start) result.place = { line: start.startLine, column: start.startCol, offset: start.startOffset };
    work.push(endOfParent);
    for (let i = node.childNodes.length - 1; i >= 0; i--) work.push(node.childNodes[i] as ChildNode);
  }
  endRun();
  element.childNodes = regrouped;
  for (const child of regrouped) child.parentNode = element;
}

/** A `<div>` around one run of content, located from its first node's start to its last node's end. */
function wrap(run: ChildNode[]): Element {
  const div = defaultTreeAdapter.createElement('div', html.NS.HTML, []);
  div.childNodes = run;
  for (const child of run) child.parentNode = div;
  const first = run[0]?.sourceCodeLocation;
  const last = run.at(-1)?.sourceCodeLocation;
  if (first && last) {
    div.sourceCodeLocation = { startLine: first.startLine, startCol: first.startCol, startOffset: first.startOffset, endLine: last.endLine, endCol: last.endCol, endOffset: last.endOffset };
  }
  return div;
}

function isHtmlWhitespace(text: string): boolean {
  return /^[ \t\n\f\r]*$/u.test(text);
}
