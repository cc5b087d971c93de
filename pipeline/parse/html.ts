import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { matches } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { parse as parse5 } from 'parse5';
import rehypeRemark, { type Options as RehypeRemarkOptions } from 'rehype-remark';
import { unified, type Plugin, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { matchChrome } from './chrome.js';
import { allMatching, firstMatching } from './hast-match.js';
import { flattenDeepNesting, maxElementDepth } from './html-nesting.js';
import { normaliseDate } from './parse-date.js';
import './vfile-data.js';
import { messageOn } from '../util/message.js';

/** Elements that are never content: site chrome, scripts, forms. */
const CHROME_SELECTORS = [
  'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'form', 'button', 'iframe', 'svg',
  // Form controls outside a form: their values are no page text, and rehype-remark gives them no place in the file.
  'textarea', 'select', 'input',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=search]', '[aria-hidden=true]', '[hidden]',
  '[class*=cookie]', '[id*=cookie]', '[class*=consent]', '[id*=consent]', '[class*=breadcrumb]', '[aria-label*=breadcrumb i]',
  '[class*=skip]', '[class*=share]', '[class*=social]',
  // "Related links", "Relaterat": links to other pages, which name authorities without a role here
  '[class*=related]', '[id*=related]', '[class*=relaterat]', '[id*=relaterat]',
];

/** Where the main content is, in order of trust; else the element with the most paragraph text. */
const MAIN_SELECTORS = ['main', '[role=main]', 'article'];

/**
 * Keep only the page's main content: `main`, `[role=main]`, `article`, else the densest text
 * block, without navigation, header, footer, cookie banners, scripts and styles.
 */
export function rehypeMainContent() {
  return (tree: HastRoot, file: VFile) => {
    const title = firstMatching('title', tree);
    if (title) file.data.htmlTitle = hastToString(title).trim();
    const html = firstMatching('html', tree);
    const lang = html?.properties?.lang;
    if (typeof lang === 'string' && lang !== '') file.data.htmlLanguage = lang.toLowerCase().slice(0, 2);
    const main = MAIN_SELECTORS.map((s) => firstMatching(s, tree)).find((e) => e !== undefined) ?? densestBlock(tree);
    const content: HastContent[] = main ? [main] : tree.children;
    const root: HastRoot = { type: 'root', children: content };
    removeNodes(root, new Set(allMatching(CHROME_SELECTORS.join(', '), root)));
    summariesAsHeadings(root);
    definitionListsAsTables(root);
    return root;
  };
}

const HEADING = /^h([1-6])$/u;

const element = (tagName: string, children: Element['children']): Element => ({ type: 'element', tagName, properties: {}, children });

/**
 * A definition list read as the table it stands for: a row per `<dd>` (per item of a list in
 * it), the name first, then its `<dt>` ("Lead", "Members"), under an empty header row, as a
 * table of members and roles is read. The `<dt>`'s text stays where it is in the file.
 */
function definitionListsAsTables(root: HastRoot): void {
  const lists = allMatching('dl', root);
  for (const dl of lists) {
    const rows: Element[] = [element('tr', [element('th', [])])];
    let term: Element['children'] = [];
    for (const child of dl.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'dt') term = child.children;
      else if (child.tagName === 'dd') {
        const items = child.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol')).flatMap((list) => list.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li'));
        for (const cell of items.length > 0 ? items.map((li) => li.children) : [child.children]) rows.push(element('tr', [element('td', cell), element('td', term)]));
      }
    }
    dl.tagName = 'table';
    dl.children = rows;
  }
}

/**
 * An accordion's `<summary>` titles what its `<details>` holds, as a heading does: it becomes a
 * heading of the level of the heading before it, a sibling section (h2 after the page's h1), or
 * the heading inside it when it holds one, so that each accordion is a section of its own.
 */
function summariesAsHeadings(root: HastRoot): void {
  let depth = 1;
  const stack: (HastRoot | Element)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as HastRoot | Element;
    if (node.type === 'element') {
      const level = HEADING.exec(node.tagName)?.[1];
      if (level) {
        depth = Number(level);
        continue;
      }
      if (node.tagName === 'summary') {
        const elements = node.children.filter((c): c is Element => c.type === 'element');
        const inner = elements.length === 1 && HEADING.test((elements[0] as Element).tagName) ? (elements[0] as Element) : undefined;
        if (inner) {
          node.tagName = inner.tagName;
          node.children = inner.children;
        } else node.tagName = `h${Math.max(2, depth)}`;
        continue;
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === 'element') stack.push(child);
    }
  }
}

function removeNodes(root: HastRoot, targets: ReadonlySet<Element>): void {
  if (targets.size === 0) return;
  const stack: (HastRoot | Element)[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop() as HastRoot | Element;
    parent.children = parent.children.filter((child) => !(child.type === 'element' && targets.has(child))) as typeof parent.children;
    for (const child of parent.children) if (child.type === 'element') stack.push(child);
  }
}

const BLOCKS = new Set(['div', 'section', 'td', 'body', 'article', 'details']);
const TEXT_CHILDREN = new Set(['p', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'table']);
/** The share of the page's text the chosen block must hold (see densestBlock). */
const MOST_OF_THE_TEXT = 0.7;

/**
 * For a page with no main/article: the deepest block that holds most of the page's text
 * (MOST_OF_THE_TEXT of it), so that sections kept in sibling blocks (`div.block`, accordions)
 * stay together; the first in document order among equals. Text counts in paragraphs, lists,
 * headings and tables, links at a tenth (menus and link lists are not content); chrome
 * (navigation, header, footer, cookie banners…) and everything inside it is never counted.
 */
function densestBlock(tree: HastRoot): Element | undefined {
  const chrome = new Set(allMatching(CHROME_SELECTORS.join(', '), tree));
  // pre-order, without recursion (nesting may be deep), with each element's depth
  const order: { element: Element; depth: number; parent: number }[] = [];
  const stack: { node: HastRoot | Element; depth: number; parent: number }[] = [{ node: tree, depth: 0, parent: -1 }];
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop() as (typeof stack)[number];
    let index = parent;
    if (node.type === 'element') index = order.push({ element: node, depth, parent }) - 1;
    // a text block's own text is weighed as a whole below: its inner elements are not blocks
    if (node.type === 'element' && TEXT_CHILDREN.has(node.tagName)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === 'element' && !chrome.has(child)) stack.push({ node: child, depth: depth + 1, parent: index });
    }
  }
  const weight = new Float64Array(order.length);
  let total = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const { element, parent } = order[i] as (typeof order)[number];
    if (TEXT_CHILDREN.has(element.tagName)) weight[i] = textWeight(element, chrome);
    if (parent >= 0) weight[parent] = (weight[parent] as number) + (weight[i] as number);
    else total += weight[i] as number;
  }
  if (total === 0) return undefined;
  let best: { element: Element; depth: number } | undefined;
  order.forEach(({ element, depth }, i) => {
    if (!BLOCKS.has(element.tagName) || (weight[i] as number) < total * MOST_OF_THE_TEXT) return;
    if (!best || depth > best.depth) best = { element, depth };
  });
  return best?.element;
}

/** The length of an element's text outside chrome, a link's text counted at a tenth. */
function textWeight(element: Element, chrome: ReadonlySet<Element>): number {
  let weight = 0;
  const stack: { node: Element; inLink: boolean }[] = [{ node: element, inLink: false }];
  while (stack.length > 0) {
    const { node, inLink } = stack.pop() as (typeof stack)[number];
    for (const child of node.children) {
      if (child.type === 'text') weight += inLink ? child.value.trim().length / 10 : child.value.trim().length;
      else if (child.type === 'element' && !chrome.has(child)) stack.push({ node: child, inLink: inLink || child.tagName === 'a' });
    }
  }
  return weight;
}

/**
 * Page chrome inside the content ("Senast uppdaterad: 2024-05-13", "Skriv ut") is recorded on
 * the file and taken out of the tree, as for plain-text pages.
 */
function remarkHtmlChrome() {
  return (tree: Root, file: VFile) => {
    file.data.chrome ??= [];
    tree.children = tree.children.filter((node) => {
      if (node.type !== 'paragraph' || !node.position) return true;
      const text = mdastToString(node).trim();
      const start = node.position.start.offset ?? 0;
      const match = matchChrome({ index: node.position.start.line - 1, start, end: start + text.length, text });
      if (!match) return true;
      if (match.kind === 'last-updated') {
        const date = match.date ? normaliseDate(text.slice(match.date.start - start)) : undefined;
        if (date) file.data.lastUpdated = date;
      }
      file.data.chrome?.push({ kind: match.kind, text, position: node.position });
      return false;
    });
  };
}

/**
 * rehype-parse's parser (hast-util-from-html: parse5, then hast-util-from-parse5, with the same
 * options), with one step between the two: nesting deeper than `maxElementDepth` is flattened,
 * since hast-util-from-parse5 and every hast utility after it recurse once per level. The
 * flattening is a warning on the file, placed at the first element it unwrapped.
 */
export const rehypeParseFlat: Plugin<[], string, HastRoot> = function (this: Processor) {
  this.parser = (doc: string, file: VFile) => {
    const document = parse5(doc, { sourceCodeLocationInfo: true, scriptingEnabled: false });
    const flattened = flattenDeepNesting(document);
    if (flattened) {
      const reason = `Unexpected HTML nested ${flattened.deepest} elements deep, expected at most ${maxElementDepth}; the ${flattened.unwrapped} elements below that were unwrapped, their text kept`;
      messageOn(file, reason, { ...(flattened.place && { place: flattened.place }), ruleId: 'page-nesting-flattened', source: 'samverkan' });
    }
    return fromParse5(document, { file }) as HastRoot;
  };
};

/**
 * hast-util-to-mdast handlers that would add text the file does not have, which has no place
 * in the file and, merged with its neighbours, takes theirs away: the quote marks around `<q>`
 * and the zero-width space for `<wbr>`. The quotation keeps its own text; a `<wbr>` is nothing.
 */
const textHandlers: NonNullable<RehypeRemarkOptions['handlers']> = {
  q: (state, node) => state.all(node),
  wbr: () => undefined,
};

/**
 * A saved HTML page as mdast: parse (rehypeParseFlat), the main content, rehype-remark. Text
 * nodes keep their positions in the HTML file, so evidence points into the file as saved.
 */
export function parseHtml(file: VFile): Root {
  const processor = unified().use(rehypeParseFlat).use(rehypeMainContent).use(rehypeRemark, { handlers: textHandlers }).use(remarkHtmlChrome);
  const hast = processor.parse(file);
  return processor.runSync(hast, file) as Root;
}
