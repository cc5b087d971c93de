import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { matchChrome } from './chrome.js';
import { normaliseDate } from './parse-date.js';
import './vfile-data.js';

/** Elements that are never content: site chrome, scripts, forms. */
const CHROME_SELECTORS = [
  'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'form', 'button', 'iframe', 'svg',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=search]', '[aria-hidden=true]', '[hidden]',
  '[class*=cookie]', '[id*=cookie]', '[class*=consent]', '[id*=consent]', '[class*=breadcrumb]', '[aria-label*=breadcrumb i]',
  '[class*=skip]', '[class*=share]', '[class*=social]',
];

/** Where the main content is, in order of trust; else the element with the most paragraph text. */
const MAIN_SELECTORS = ['main', '[role=main]', 'article'];

/**
 * Keep only the page's main content: `main`, `[role=main]`, `article`, else the densest text
 * block, without navigation, header, footer, cookie banners, scripts and styles.
 */
export function rehypeMainContent() {
  return (tree: HastRoot, file: VFile) => {
    const title = select('title', tree);
    if (title) file.data.htmlTitle = hastToString(title).trim();
    const html = select('html', tree);
    const lang = html?.properties?.lang;
    if (typeof lang === 'string' && lang !== '') file.data.htmlLanguage = lang.toLowerCase().slice(0, 2);
    const main = MAIN_SELECTORS.map((s) => select(s, tree)).find((e) => e !== undefined) ?? densestBlock(tree);
    const content: HastContent[] = main ? [main] : tree.children;
    const root: HastRoot = { type: 'root', children: content };
    for (const selector of CHROME_SELECTORS) for (const node of selectAll(selector, root)) removeNode(root, node);
    return root;
  };
}

function removeNode(root: HastRoot, target: Element): void {
  const stack: (HastRoot | Element)[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop() as HastRoot | Element;
    const i = parent.children.indexOf(target);
    if (i >= 0) {
      parent.children.splice(i, 1);
      return;
    }
    for (const child of parent.children) if (child.type === 'element') stack.push(child);
  }
}

/** The element whose own paragraphs hold the most text: a page with no main/article. */
function densestBlock(tree: HastRoot): Element | undefined {
  let best: { element: Element; score: number } | undefined;
  for (const element of selectAll('div, section, td, body', tree)) {
    if (select(CHROME_SELECTORS.slice(5, 9).join(', '), { type: 'root', children: [element] }) === element) continue;
    const score = element.children
      .filter((c): c is Element => c.type === 'element' && ['p', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'table'].includes(c.tagName))
      .reduce((sum, c) => sum + hastToString(c).length, 0);
    if (!best || score > best.score) best = { element, score };
  }
  return best && best.score > 0 ? best.element : undefined;
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
 * A saved HTML page as mdast: rehype-parse, the main content, rehype-remark. Text nodes keep
 * their positions in the HTML file, so evidence points into the file as saved.
 */
export function parseHtml(file: VFile): Root {
  const processor = unified().use(rehypeParse).use(rehypeMainContent).use(rehypeRemark).use(remarkHtmlChrome);
  const hast = processor.parse(file);
  return processor.runSync(hast, file) as Root;
}
