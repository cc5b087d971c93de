/**
 * `select`/`selectAll` for selector lists without combinators, in one walk that costs
 * nodes × selectors. hast-util-select's own walk re-adds every root rule at each level, so it
 * costs nodes × depth × selectors: minutes on a page flattened to a few hundred levels.
 * `matches` (hast-util-select) still does the matching; a selector with a combinator makes it
 * throw ("Expected selector without nesting") rather than match differently.
 */
import type { Element, Root } from 'hast';
import { matches } from 'hast-util-select';

/** The elements under `tree` (and `tree` itself when an element) that match `selector`, in document order. */
export function allMatching(selector: string, tree: Root | Element): Element[] {
  return walkMatching(selector, tree, false);
}

/** The first element in document order that matches `selector`, as `select` returns it. */
export function firstMatching(selector: string, tree: Root | Element): Element | undefined {
  return walkMatching(selector, tree, true)[0];
}

function walkMatching(selector: string, tree: Root | Element, firstOnly: boolean): Element[] {
  const found: Element[] = [];
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Root | Element;
    if (node.type === 'element' && matches(selector, node)) {
      found.push(node);
      if (firstOnly) break;
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === 'element') stack.push(child);
    }
  }
  return found;
}
