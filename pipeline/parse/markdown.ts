import type { Root, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { limitMarkdownNesting, maxContainerDepth, restoreHiddenMarkers } from './markdown-nesting.js';
import { keepSplitTextPositions } from './markdown-positions.js';
import { parseMetaYaml, type PageMeta } from './metadata.js';
import { messageOn } from '../util/message.js';

/**
 * Markdown pages: CommonMark + GFM, with YAML front matter kept in the tree as a `yaml`
 * node (so it has a position): `markdownProcessor().parse(file)`.
 * micromark skips a byte order mark without counting it in offsets, so give it text
 * without one (`readPage` strips it).
 */
export function markdownProcessor() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
}

/**
 * A Markdown page's tree (`markdownProcessor`), with containers nested deeper than
 * `maxContainerDepth` read as text (see markdown-nesting.ts) and a warning placed at the
 * first marker that was. Values and positions are the file's either way, also for the text
 * that remark-gfm splits around a bare URL (markdown-positions.ts).
 */
export function parseMarkdown(file: VFile): Root {
  const doc = String(file.value);
  const positions = keepSplitTextPositions();
  const processor = markdownProcessor().use(positions.plugin);
  const limited = limitMarkdownNesting(doc);
  const tree = processor.parse(limited?.text ?? file);
  positions.repair(tree, doc);
  if (limited === undefined) return tree;
  restoreHiddenMarkers(tree, limited);
  const first = limited.hidden[0];
  const place = first && location(doc).toPoint(first.offset);
  const reason = `Unexpected list or block quote nested more than ${maxContainerDepth} levels deep, expected at most ${maxContainerDepth}; the deeper markers (${limited.hidden.length} lines) were read as text`;
  messageOn(file, reason, { ...(place && { place }), ruleId: 'page-nesting-flattened', source: 'samverkan' });
  return tree;
}

const openingFence = /^---[ \t]*(?:\r\n|\r|\n)/;

/**
 * The valid metadata in a Markdown page's front matter, or undefined when it has none.
 * Messages go to `file`, placed inside the Markdown file.
 */
export function readFrontMatter(tree: Root, file: VFile): PageMeta | undefined {
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml');
  if (yaml === undefined || yaml.position?.start.offset === undefined) return undefined;
  const doc = String(file.value);
  const fenceStart = yaml.position.start.offset;
  const fence = openingFence.exec(doc.slice(fenceStart));
  const contentStart = fenceStart + (fence?.[0].length ?? 0);
  // The yaml node's value is the source between the fences; anything else means the offsets are off.
  if (fence === null || doc.slice(contentStart, contentStart + yaml.value.length) !== yaml.value) {
    throw new Error(`front matter of ${file.path} is not where its position says`);
  }
  return parseMetaYaml(yaml.value, file, { path: file.path, offsetBase: contentStart, lineBase: yaml.position.start.line, columnBase: 0 });
}
