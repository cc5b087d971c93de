import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import './vfile-data.js';
import { parseHtml } from './html.js';
import { markdownProcessor, readFrontMatter } from './markdown.js';
import { remarkPlainText } from './plain-text.js';

export type ParseFormat = 'txt' | 'md' | 'html';

/**
 * The mdast tree of a page. For Markdown the front matter's valid metadata goes to
 * `file.data.meta`; for plain text the chrome goes to `file.data` (links, chrome,
 * lastUpdated). Problems are messages on `file`; sidecar metadata is the caller's
 * (`parseSidecarMeta`), because it lives in another file.
 */
export function parsePage(file: VFile, format: ParseFormat): Root {
  if (format === 'txt') return unified().use(remarkPlainText).parse(file);
  if (format === 'html') return parseHtml(file);
  // micromark skips a leading BOM without counting it, so every offset would be one short of the string.
  if (String(file.value).startsWith('\uFEFF')) throw new Error(`${file.path}: strip the byte order mark before parsing Markdown (readPage does)`);
  const tree = markdownProcessor().parse(file);
  const meta = readFrontMatter(tree, file);
  if (meta !== undefined) file.data.meta = meta;
  return tree;
}
