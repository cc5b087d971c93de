/**
 * Pages nested 10,000 levels deep (Markdown lists and quotes, plain-text bullets, HTML `<div>`s
 * and lists) parse and extract without running out of call stack, within seconds, and keep
 * their text: the innermost sentence still yields its facts, with evidence quoting the source.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/build.js';
import { keptSubtreeHeight, maxElementDepth } from '../../pipeline/parse/html-nesting.js';
import { limitMarkdownNesting, maxContainerDepth } from '../../pipeline/parse/markdown-nesting.js';
import { parsePage, type ParseFormat } from '../../pipeline/parse/parse-page.js';
import { buildPages } from '../helpers/pipeline.js';

const levels = 10_000;
const timeout = 30_000;
const inner = 'The Example Council is led by the Swedish Police Authority. The other members are the Swedish Customs Service.';
const frontMatter = '---\nlanguage: en\nurl: https://example.org/council\n---\n\n# The Example Council\n\n';
const htmlHead = '<!doctype html><html lang="en"><head><title>The Example Council</title></head><body><main><h1>The Example Council</h1>';

/** Build one page saved as `pages/test/<name>` in a temporary sources folder. */
async function buildPage(name: string, text: string): Promise<BuildResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-deep-'));
  try {
    await mkdir(path.join(dir, 'pages', 'test'), { recursive: true });
    await writeFile(path.join(dir, 'pages', 'test', name), text);
    return await buildPages(dir, [`pages/test/${name}`]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parse(text: string, format: ParseFormat): { tree: Root; file: VFile } {
  const file = new VFile({ path: `deep.${format}`, value: text });
  return { tree: parsePage(file, format), file };
}

/** Depth of a tree, walked without recursion. */
function depthOf(tree: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    deepest = Math.max(deepest, depth);
    for (const child of (node as Node & { children?: Node[] }).children ?? []) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Every text node of a tree, in document order, walked without recursion. */
function textNodes(tree: Node): (Node & { value: string })[] {
  const found: (Node & { value: string })[] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Node & { children?: Node[]; value?: string };
    if (node.type === 'text') found.push(node as Node & { value: string });
    for (const child of [...(node.children ?? [])].reverse()) stack.push(child);
  }
  return found;
}

/** "line:column rule-id" of the page's messages of one rule. */
function placesOf(result: BuildResult, ruleId: string): string[] {
  return result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.line}:${m.column}`));
}

/** The forum's memberships as "authority role", with every evidence quote checked against its page. */
function memberships(result: BuildResult, text: string): string[] {
  for (const m of result.dataset.memberships) {
    for (const e of m.evidence) expect(text.slice(e.start.offset, e.end.offset)).toBe(e.quote);
  }
  return result.dataset.memberships.map((m) => `${m.authorityId} ${m.role}`).sort();
}

const expectedMemberships = ['polismyndigheten lead', 'tullverket member'];

describe('deeply nested Markdown', () => {
  it('reads 10,000 nested list markers on one line: the deeper ones as text', { timeout }, async () => {
    const text = `${frontMatter}${'- '.repeat(levels)}${inner}\n`;
    const { tree, file } = parse(text, 'md');
    expect(depthOf(tree)).toBeLessThan(2 * maxContainerDepth + 10);
    // The item at the limit holds the rest of the line, markers included, exactly as the source has it.
    const deepest = textNodes(tree).find((t) => t.value.endsWith(inner));
    expect(deepest?.value).toBe(`${'- '.repeat(levels - maxContainerDepth)}${inner}`);
    expect(text.slice(deepest?.position?.start.offset, deepest?.position?.end.offset)).toBe(deepest?.value);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`8:${2 * maxContainerDepth + 1} page-nesting-flattened`]);

    const result = await buildPage('lists.en.md', text);
    expect(placesOf(result, 'page-nesting-flattened')).toEqual([`8:${2 * maxContainerDepth + 1}`]);
    expect(memberships(result, text)).toEqual(expectedMemberships);
  });

  it('reads 10,000 nested block quotes', { timeout }, async () => {
    const text = `${frontMatter}${'> '.repeat(levels)}${inner}\n`;
    const { tree } = parse(text, 'md');
    expect(depthOf(tree)).toBeLessThan(maxContainerDepth + 10);
    expect(textNodes(tree).some((t) => t.value === `${'> '.repeat(levels - maxContainerDepth)}${inner}`)).toBe(true);

    const result = await buildPage('quotes.en.md', text);
    expect(placesOf(result, 'page-nesting-flattened')).toEqual([`8:${2 * maxContainerDepth + 1}`]);
    expect(memberships(result, text)).toEqual(expectedMemberships);
  });

  it('reads an indented list 300 levels deep, every item kept', { timeout }, async () => {
    const depth = 300;
    const lines = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
    const text = `${frontMatter}${lines.join('\n')}\n`;
    const { tree, file } = parse(text, 'md');
    const all = mdastToString(tree);
    for (let i = 0; i < depth; i++) expect(all).toContain(`item ${i}`);
    // Continuation lines lose their indentation in the value (CommonMark), nothing else.
    const collapse = (s: string) => s.replace(/\s+/gu, ' ');
    for (const t of textNodes(tree)) expect(collapse(text.slice(t.position?.start.offset, t.position?.end.offset))).toBe(collapse(t.value));
    // The first marker not read as one is item 100's, on line 8 + 100.
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`${8 + maxContainerDepth}:${2 * maxContainerDepth + 1} page-nesting-flattened`]);
  });

  it('leaves nesting up to the limit as CommonMark reads it', () => {
    const atLimit = `${'> '.repeat(maxContainerDepth)}text\n${'  '.repeat(maxContainerDepth - 1)}- item\n`;
    expect(limitMarkdownNesting(atLimit)).toBeUndefined();
    // A lazy line keeps its containers open, so the marker after it is one level deeper.
    const lazy = '- a\n  - b\nlazy\n    - c\n';
    expect(limitMarkdownNesting(lazy, 2)?.hidden).toEqual([{ offset: lazy.indexOf('- c'), char: '-' }]);
    // A thematic break is not a list, however many dashes it has.
    expect(limitMarkdownNesting(`${'- '.repeat(500)}\n`, 2)).toBeUndefined();
  });
});

describe('deeply nested plain text', () => {
  it('reads 10,000 nested bullets on one line and 2,000 indented bullet lines as flat items', { timeout }, async () => {
    const deepItem = `${'• '.repeat(levels)}${inner}`;
    const indentedItems = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- item ${i}`).join('\n');
    // A plain-text title followed by a list is not a heading, so the sentence naming the forum comes first.
    const text = `The Example Council\n\n${inner}\n\n${deepItem}\n${indentedItems}\n`;
    const { tree } = parse(text, 'txt');
    expect(depthOf(tree)).toBeLessThan(10);
    const values = textNodes(tree).map((t) => t.value);
    // The list marker of the line is not text; the other 9,999 are.
    expect(values).toContain(`${'• '.repeat(levels - 1)}${inner}`);
    expect(values).toContain('item 1999');

    const result = await buildPage('bullets.en.txt', text);
    expect(memberships(result, text)).toEqual(expectedMemberships);
  });
});

describe('deeply nested HTML', () => {
  it('reads 10,000 nested <div>s, keeping the text of the levels below the limit', { timeout }, async () => {
    // Text on every tenth level (all of them would only make the test slower): a line of text and inline markup.
    const levelText = (i: number) => (i % 10 === 0 ? `level ${i} <b>bold ${i}</b>` : '');
    let text = htmlHead;
    for (let i = 0; i < levels; i++) text += `<div>${levelText(i)}`;
    text += `<p>${inner}</p>${'</div>'.repeat(levels)}</main></body></html>`;
    const { tree, file } = parse(text, 'html');
    expect(depthOf(tree)).toBeLessThan(maxElementDepth + keptSubtreeHeight + 10);
    const all = mdastToString(tree);
    let from = 0;
    for (let i = 0; i < levels; i += 10) {
      // Every level's text is there, in order.
      const at = all.indexOf(`level ${i} bold ${i}`, from);
      expect(at, `level ${i}`).toBeGreaterThanOrEqual(from);
      from = at;
    }
    expect(all.indexOf(inner)).toBeGreaterThan(from);
    for (const t of textNodes(tree)) expect(text.slice(t.position?.start.offset, t.position?.end.offset)).toBe(t.value);
    // Inline markup survives the flattening.
    expect(JSON.stringify(tree)).toContain('{"type":"strong","children":[{"type":"text","value":"bold 5000"');
    const message = file.messages.find((m) => m.ruleId === 'page-nesting-flattened');
    // The first element unwrapped is a <div> below the limit (html, body, main are the first three levels).
    const offset = message?.place && 'offset' in message.place ? message.place.offset : undefined;
    let firstUnwrapped = -1;
    for (let n = 0; n <= maxElementDepth - 3; n++) firstUnwrapped = text.indexOf('<div>', firstUnwrapped + 1);
    expect(offset).toBe(firstUnwrapped);

    const result = await buildPage('divs.en.html', text);
    expect(placesOf(result, 'page-nesting-flattened')).toHaveLength(1);
    expect(memberships(result, text)).toEqual(expectedMemberships);
  });

  it('reads 10,000 nested lists', { timeout }, async () => {
    const text = `${htmlHead}${'<ul><li>'.repeat(levels)}${inner}${'</li></ul>'.repeat(levels)}</main></body></html>`;
    const { tree, file } = parse(text, 'html');
    expect(depthOf(tree)).toBeLessThan(maxElementDepth + keptSubtreeHeight + 10);
    expect(textNodes(tree).map((t) => t.value)).toContain(inner);
    expect(file.messages.map((m) => m.ruleId)).toContain('page-nesting-flattened');

    const result = await buildPage('lists.en.html', text);
    expect(memberships(result, text)).toEqual(expectedMemberships);
  });

  it('leaves a page within the limit as rehype-parse reads it', () => {
    const text = `${htmlHead}${'<div>'.repeat(maxElementDepth - 3)}${inner}${'</div>'.repeat(maxElementDepth - 3)}</main></body></html>`;
    const { tree, file } = parse(text, 'html');
    expect(file.messages.filter((m) => m.ruleId === 'page-nesting-flattened')).toEqual([]);
    expect(textNodes(tree).map((t) => t.value)).toContain(inner);
  });
});
