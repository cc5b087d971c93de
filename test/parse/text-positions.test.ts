/**
 * Text the parsers make without a place in the file, found by test/properties/extraction.test.ts:
 * evidence for a name in it was an empty quote at offset 0.
 */
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../pipeline/extract/context.js';
import { extractForums } from '../../pipeline/extract/extract.js';
import { lexicons } from '../../pipeline/extract/lexicon/index.js';
import { parsePage, type ParseFormat } from '../../pipeline/parse/parse-page.js';
import { projectRegistry } from '../helpers/pipeline.js';

/** Every text node as [value, the source between its offsets]; `undefined` when it has no position. */
function textsWithSource(tree: Root, doc: string): [string, string | undefined][] {
  const found: [string, string | undefined][] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Node & { children?: Node[]; value?: string };
    const { start, end } = node.position ?? {};
    if (node.type === 'text') found.push([node.value ?? '', start && end ? doc.slice(start.offset, end.offset) : undefined]);
    for (const child of [...(node.children ?? [])].reverse()) stack.push(child);
  }
  return found;
}

/** The forum's participants as "quote @ offset" of their evidence. */
async function participantQuotes(doc: string, format: ParseFormat): Promise<string[]> {
  const { index, kinds } = await projectRegistry();
  const file = new VFile({ path: `page.${format}`, value: doc });
  const tree = parsePage(file, format);
  const forums = extractForums(createContext({ file, sourceId: 'page', lexicon: lexicons.en, index, kinds }), tree);
  return forums.flatMap((f) => f.participants.map((p) => `${p.mention.evidence.quote} @ ${p.mention.evidence.start.offset}`));
}

describe('Markdown text split around a bare URL', () => {
  it('keeps its place in the file, piece by piece', () => {
    // After an unclosed `[`, remark-gfm finds the URL in a transform that used to drop every position.
    const doc = 'Members [see https://example.org/list, led by the Swedish Police Authority.\n';
    const tree = parsePage(new VFile({ value: doc }), 'md');
    expect(textsWithSource(tree, doc)).toEqual([
      ['Members [see ', 'Members [see '],
      ['https://example.org/list', 'https://example.org/list'],
      [', led by the Swedish Police Authority.', ', led by the Swedish Police Authority.'],
    ]);
  });

  it('gives names after the URL their own quotes', async () => {
    const doc = '## Example Council\n\nThe Example Council [see https://example.org] is led by the Swedish Police Authority. The other members are the Swedish Customs Service.\n';
    expect(await participantQuotes(doc, 'md')).toEqual([`Swedish Police Authority @ ${doc.indexOf('Swedish Police')}`, `Swedish Customs Service @ ${doc.indexOf('Swedish Customs')}`]);
  });

  it('takes the source between its neighbours where the text is not verbatim', () => {
    const doc = 'a &amp; [b https://example.org c\n';
    const tree = parsePage(new VFile({ value: doc }), 'md');
    expect(textsWithSource(tree, doc)).toEqual([
      ['a & [b ', 'a &amp; [b '],
      ['https://example.org', 'https://example.org'],
      [' c', ' c'],
    ]);
  });
});

describe('HTML elements that add text of their own', () => {
  it('reads a <q> as its own text, without quote marks the file does not have', () => {
    const doc = '<main><p>They said <q>Swedish Police Authority</q> today.</p></main>';
    const tree = parsePage(new VFile({ value: doc }), 'html');
    // hast-util-to-mdast joins the text around inline elements into one node (known-failures.md #3).
    expect(textsWithSource(tree, doc)).toEqual([['They said Swedish Police Authority today.', 'They said <q>Swedish Police Authority</q> today.']]);
  });

  it('leaves out form controls and <wbr>, so no text loses its place and names stay whole', async () => {
    const doc =
      '<main><h2>Example Council</h2><p><textarea>notes</textarea><input value="x"><select><option>Tullverket</option></select>' +
      'The Example Council is led by Polis<wbr>myndigheten. The other members are the Swedish Customs Service.</p></main>';
    const tree = parsePage(new VFile({ value: doc }), 'html');
    const texts = textsWithSource(tree, doc);
    // A <wbr> is a place a word may break, not a character: the name is one word again.
    expect(texts.map(([value]) => value)).toEqual(['Example Council', 'The Example Council is led by Polismyndigheten. The other members are the Swedish Customs Service.']);
    for (const [value, source] of texts) expect(source, value).toBeDefined();
    // Both names are found and quoted from the file; how much a quote takes in after a tag is known-failures.md #3.
    const quotes = await participantQuotes(doc, 'html');
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toMatch(/^Polis<wbr>myndigheten\b.* @ 150$/u);
    expect(doc.indexOf('Polis<wbr>')).toBe(150);
  });
});

describe('an HTML page without main or article', () => {
  it('takes the block with the most paragraph text, never one inside page chrome however wordy', () => {
    const wordy = (what: string) => `<p>${what} ${'long link text to elsewhere on the site '.repeat(8)}</p>`;
    const doc =
      `<body><nav><div>${wordy('Menu')}${wordy('More menu')}</div></nav><div role="navigation">${wordy('Side menu')}${wordy('More')}</div>` +
      `<div class="content"><h2>Harbour Watch Group</h2><p>The group is led by the Swedish Police Authority.</p></div>` +
      `<footer><section>${wordy('Footer')}${wordy('More footer')}</section></footer><div class="cookie-banner">${wordy('Cookies')}${wordy('Consent')}</div></body>`;
    const tree = parsePage(new VFile({ value: doc }), 'html');
    expect(textsWithSource(tree, doc).map(([value]) => value).sort()).toEqual(['Harbour Watch Group', 'The group is led by the Swedish Police Authority.']);
  });
});
