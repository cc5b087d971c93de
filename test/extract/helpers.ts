import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Paragraph } from 'mdast';
import { VFile } from 'vfile';
import type { BuildResult } from '../../pipeline/build.js';
import { type ExtractContext, createContext } from '../../pipeline/extract/context.js';
import { lexicons } from '../../pipeline/extract/lexicon/index.js';
import { type TextBlock, textBlockOf } from '../../pipeline/extract/text-block.js';
import { buildPages, projectRegistry } from '../helpers/pipeline.js';

/** An extraction context over `text` as a whole file, with the project's registry. */
export async function contextFor(text: string): Promise<ExtractContext> {
  const { index, kinds } = await projectRegistry();
  return createContext({ file: new VFile({ path: 'test.txt', value: text }), sourceId: 'test', lexicon: lexicons.en, index, kinds });
}

/** The whole of `text` (one line) as one paragraph block whose offsets are the file's. */
export function paragraphOf(text: string): TextBlock {
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: text.length + 1, offset: text.length } };
  const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: text, position }], position };
  return textBlockOf(paragraph, 'paragraph', 0, text);
}

/**
 * Run the whole pipeline on one English Markdown page written for the test: the page is saved as
 * `pages/test/<name>.en.md` in a temporary folder, with front matter giving language and url.
 */
export async function buildMarkdown(body: string, name = 'page'): Promise<BuildResult & { text: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-extract-'));
  const text = `---\nurl: https://example.org/${name}\nlanguage: en\n---\n\n${body}`;
  try {
    await mkdir(path.join(dir, 'pages', 'test'), { recursive: true });
    await writeFile(path.join(dir, 'pages', 'test', `${name}.en.md`), text);
    return { ...(await buildPages(dir, [`pages/test/${name}.en.md`])), text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A page's memberships as "authority role" (and " since YEAR"), sorted. */
export function membershipLines(result: BuildResult, forumId: string): string[] {
  return result.dataset.memberships
    .filter((m) => m.forumId === forumId)
    .map((m) => `${m.authorityId} ${m.role}${m.since !== undefined ? ` since ${m.since}` : ''}`)
    .sort();
}

/** Messages of the page's files as "line:column rule-id", optionally only those of the given rules. */
export function messageLines(result: BuildResult, ruleIds?: readonly string[]): string[] {
  return result.files.flatMap((f) => f.messages.filter((m) => !ruleIds || ruleIds.includes(m.ruleId ?? '')).map((m) => `${m.line ?? '-'}:${m.column ?? '-'} ${m.ruleId ?? ''}`));
}

/** The rules that report a participant's name or a list item the extractor could not place. */
export const NAME_RULES = ['unresolved-name', 'partial-name-match', 'ambiguous-name', 'list-item-not-a-name', 'page-without-forums'] as const;
