import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import './vfile-data.js';
import { parseHtml } from './html.js';
import { parseMarkdown, readFrontMatter } from './markdown.js';
import { isStackOverflow, PageUnusableError } from './page-unusable.js';
import { remarkPlainText } from './plain-text.js';

export type ParseFormat = 'txt' | 'md' | 'html';

/**
 * The mdast tree of a page. For Markdown the front matter's valid metadata goes to
 * `file.data.meta`; for plain text the chrome goes to `file.data` (links, chrome,
 * lastUpdated). Problems are messages on `file`; sidecar metadata is the caller's
 * (`parseSidecarMeta`), because it lives in another file.
 *
 * Lists, quotes and elements nested deeper than the parsers can take are flattened (a
 * `page-nesting-flattened` warning). Should a library still run out of call stack, the page
 * is a `PageUnusableError` (`page-nesting-too-deep`) for the build to skip, not a crash.
 */
export function parsePage(file: VFile, format: ParseFormat): Root {
  try {
    return parseFormat(file, format);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    throw new PageUnusableError('page-nesting-too-deep', `Unexpected ${format} page nested too deep to parse (${(error as Error).message}), expected less nesting`);
  }
}

function parseFormat(file: VFile, format: ParseFormat): Root {
  if (format === 'txt') return unified().use(remarkPlainText).parse(file);
  if (format === 'html') return parseHtml(file);
  // micromark skips a leading BOM without counting it, so every offset would be one short of the string.
  if (String(file.value).startsWith('\uFEFF')) throw new Error(`${file.path}: strip the byte order mark before parsing Markdown (readPage does)`);
  const tree = parseMarkdown(file);
  const meta = readFrontMatter(tree, file);
  if (meta !== undefined) file.data.meta = meta;
  return tree;
}
