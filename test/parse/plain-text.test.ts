import type { Heading, List, Paragraph, Root, Text } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { remarkPlainText } from '../../pipeline/parse/index.js';
import { expectExactPositions, nodesOfType } from './helpers.js';

function parse(value: string): { tree: Root; file: VFile } {
  const file = new VFile({ path: 'page.txt', value });
  return { tree: unified().use(remarkPlainText).parse(file), file };
}

describe('remarkPlainText positions', () => {
  const lines = ['Harbour safety group', '', 'The group meets in spring', 'and again in autumn.', '', '  • pilots', '  • tug crews', ''];

  it('slices a CRLF document to exactly each text node', () => {
    const doc = lines.join('\r\n');
    const { tree } = parse(doc);
    expect(expectExactPositions(tree, doc)).toBe(5);
    const [, second] = nodesOfType<Text>(tree, 'text').slice(1);
    // "and again in autumn." is on line 4: 20 + 25 characters and three CRLF pairs before it.
    expect(second?.position).toEqual({ start: { line: 4, column: 1, offset: 51 }, end: { line: 4, column: 21, offset: 71 } });
    expect(doc.slice(second?.position?.start.offset, second?.position?.end.offset)).toBe('and again in autumn.');
  });

  it('counts CR-only line endings as line breaks', () => {
    const doc = lines.join('\r');
    const { tree } = parse(doc);
    expectExactPositions(tree, doc);
    expect(nodesOfType<Text>(tree, 'text').map((t) => t.position?.start.line)).toEqual([1, 3, 4, 6, 7]);
  });

  it('counts a BOM as one character at offset 0 and keeps it out of values', () => {
    const doc = `\uFEFF${lines.join('\r\n')}`;
    const { tree } = parse(doc);
    expectExactPositions(tree, doc);
    const heading = tree.children[0] as Heading;
    expect(heading.type).toBe('heading');
    expect(heading.depth).toBe(1);
    expect(heading.children[0]).toMatchObject({ value: 'Harbour safety group', position: { start: { line: 1, column: 2, offset: 1 } } });
    expect(tree.position?.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(tree.position?.end.offset).toBe(doc.length);
  });

  it('treats whitespace-only lines as blank', () => {
    const { tree } = parse('First paragraph here.\n   \t\nSecond paragraph here.');
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'paragraph']);
  });
});

describe('remarkPlainText blocks', () => {
  it('gives depth 1 only to a heading that is the first block', () => {
    const { tree } = parse('An opening paragraph.\n\nA heading later\n\nText.');
    expect(nodesOfType<Heading>(tree, 'heading').map((h) => h.depth)).toEqual([2]);
  });

  it('never makes a heading of a line introducing a list', () => {
    const { tree } = parse('Title\n\nThe members are\n\n- one\n- two\n');
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph', 'list']);
  });

  it('makes a list of `*` and `–` markers, unordered and not spread', () => {
    const { tree } = parse('* alpha\n– beta');
    const list = tree.children[0] as List;
    expect(list).toMatchObject({ type: 'list', ordered: false, spread: false });
    expect(list.children.map((item) => ((item.children[0] as Paragraph).children[0] as Text).value)).toEqual(['alpha', 'beta']);
  });

  it('makes an ordered list of numbered lines, and one list of items parted by blank and chrome lines', () => {
    const items = (list: List) => list.children.map((item) => ((item.children[0] as Paragraph).children[0] as Text).value);
    const numbered = parse('The members are:\n\n1. Swedish Customs\n2. Swedish Coast Guard\n\n3) Swedish Tax Agency\n').tree;
    expect(numbered.children.map((n) => n.type)).toEqual(['paragraph', 'list']);
    expect(numbered.children[1]).toMatchObject({ type: 'list', ordered: true });
    expect(items(numbered.children[1] as List)).toEqual(['Swedish Customs', 'Swedish Coast Guard', 'Swedish Tax Agency']);
    const spaced = parse('Members:\n\n• one\n\n• two\n\nPrint\n\n• three\n\nAfter the list.').tree;
    expect(spaced.children.map((n) => n.type)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(items(spaced.children[1] as List)).toEqual(['one', 'two', 'three']);
    // a bulleted list and a numbered one are two lists; a numbered line alone is a heading, a year no marker
    expect(parse('- a\n\n1. b\n2. c').tree.children.map((n) => (n.type === 'list' ? `list ${n.ordered}` : n.type))).toEqual(['list false', 'list true']);
    expect(parse('Intro.\n\n1. Background\n\n2019. A year opens this line.').tree.children.map((n) => n.type)).toEqual(['paragraph', 'heading', 'paragraph']);
  });

  it('keeps a continued list item as one text node per line in the same paragraph', () => {
    const doc = '- a long item that\n  wraps onto a second line\n- short';
    const { tree } = parse(doc);
    const list = tree.children[0] as List;
    expect(list.children).toHaveLength(2);
    const paragraph = list.children[0]?.children[0] as Paragraph;
    expect(paragraph.children.map((t) => (t as Text).value)).toEqual(['a long item that', 'wraps onto a second line']);
    expect(doc.slice(paragraph.position?.start.offset, paragraph.position?.end.offset)).toBe('a long item that\n  wraps onto a second line');
  });
});

describe('remarkPlainText chrome', () => {
  it('moves link residue to file.data.links and file.data.chrome', () => {
    const doc = 'Annual report (PDF) External link, opens in new window.\n\nRead the plan, opens in new window';
    const { tree, file } = parse(doc);
    expect(tree.children).toEqual([]);
    expect(file.data.links?.map((l) => l.text)).toEqual(['Annual report (PDF)', 'Read the plan']);
    for (const entry of [...(file.data.links ?? []), ...(file.data.chrome ?? [])]) {
      expect(doc.slice(entry.position.start.offset, entry.position.end.offset)).toBe(entry.text);
    }
    expect(file.data.chrome?.map((c) => c.kind)).toEqual(['link-residue', 'link-residue']);
  });

  it('turns "Last updated:" into file.data.lastUpdated, not content', () => {
    for (const [line, date] of [
      ['Last updated: 2024-05-13', '2024-05-13'],
      ['Last updated: 13 May 2024', '2024-05-13'],
      ['Sidan uppdaterades: 3 maj 2023', '2023-05-03'],
    ] as const) {
      const { tree, file } = parse(`Some words.\n\n${line}\n`);
      expect(tree.children).toHaveLength(1);
      expect(file.data.lastUpdated).toBe(date);
      expect(file.data.chrome).toMatchObject([{ kind: 'last-updated', text: line }]);
    }
  });

  it('ignores an empty "Last updated:" but records it as chrome', () => {
    const { file } = parse('Words.\n\nLast updated:');
    expect(file.data.lastUpdated).toBeUndefined();
    expect(file.data.chrome).toMatchObject([{ kind: 'last-updated', text: 'Last updated:' }]);
    expect(file.messages).toEqual([]);
  });

  it('reports an update date it cannot read, at the date', () => {
    const { file } = parse('Words.\n\nLast updated: sometime in spring');
    expect(file.data.lastUpdated).toBeUndefined();
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ ruleId: 'page-date-invalid', source: 'samverkan', place: { start: { line: 3, column: 15 } } });
  });

  it('records button lines as chrome, whatever their case', () => {
    const { tree, file } = parse('Share\n\nBACK TO TOP\n\nTill toppen');
    expect(tree.children).toEqual([]);
    expect(file.data.chrome?.map((c) => [c.kind, c.text])).toEqual([
      ['control', 'Share'],
      ['control', 'BACK TO TOP'],
      ['control', 'Till toppen'],
    ]);
  });
});
