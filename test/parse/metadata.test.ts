import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseMetaYaml, parsePage, parseSidecarMeta } from '../../pipeline/parse/index.js';
import { expectExactPositions } from './helpers.js';

const slice = (doc: string, place: unknown): string => {
  const { start, end } = place as { start: { offset: number }; end: { offset: number } };
  return doc.slice(start.offset, end.offset);
};

describe('front matter', () => {
  it('keeps the yaml node and reads valid fields into file.data.meta', () => {
    const doc = '---\r\nurl: https://example.se/sida\r\ntitle: Om oss\r\nlanguage: sv\r\nretrieved: 2024-06-01\r\n---\r\n\r\n# Om oss\r\n';
    const file = new VFile({ path: 'sources/pages/example.se/om-oss.sv.md', value: doc });
    const tree = parsePage(file, 'md');
    expect(tree.children[0]?.type).toBe('yaml');
    expectExactPositions(tree, doc);
    expect(file.data.meta).toEqual({ url: 'https://example.se/sida', title: 'Om oss', language: 'sv', retrieved: '2024-06-01' });
    expect(file.messages).toEqual([]);
  });

  it('places a bad field at its value in the Markdown file and names its path', () => {
    const doc = '---\r\ntitle: Om oss\r\nlanguage: de\r\nurl: ftp://example.se\r\n---\r\nText.\r\n';
    const file = new VFile({ path: 'sources/pages/example.se/om-oss.sv.md', value: doc });
    parsePage(file, 'md');
    expect(file.data.meta).toEqual({ title: 'Om oss' });
    const [language, url] = file.messages;
    expect(language?.reason).toBe('Unexpected value for `language`: expected one of en, sv');
    expect(language).toMatchObject({ ruleId: 'meta-invalid', source: 'samverkan', file: 'sources/pages/example.se/om-oss.sv.md' });
    expect(language?.place).toEqual({ start: { line: 3, column: 11, offset: 30 }, end: { line: 3, column: 13, offset: 32 } });
    expect(slice(doc, language?.place)).toBe('de');
    expect(url?.reason).toBe('Unexpected value for `url`: expected an http or https URL');
    expect(slice(doc, url?.place)).toBe('ftp://example.se');
  });

  it('refuses Markdown that still has a BOM, whose offsets micromark would not count', () => {
    const file = new VFile({ path: 'page.md', value: '\uFEFF---\ntitle: A\n---\n' });
    expect(() => parsePage(file, 'md')).toThrow(/byte order mark/);
  });
});

describe('parseMetaYaml', () => {
  it('warns about an unknown field at its key and keeps the known ones', () => {
    const text = 'title: Om oss\nauthor: Someone\n';
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseMetaYaml(text, file, { path: file.path })).toEqual({ title: 'Om oss' });
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ ruleId: 'meta-unknown-field', fatal: false });
    expect(file.messages[0]?.reason).toMatch(/^Unexpected field `author`, expected one of url, title/);
    expect(slice(text, file.messages[0]?.place)).toBe('author');
  });

  it('accepts a Date that YAML gives for an unquoted date, as its UTC day', () => {
    const text = '%YAML 1.1\n---\nretrieved: 2024-05-13\nlastUpdated: 2023-12-31T23:30:00-02:00\n';
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseMetaYaml(text, file, { path: file.path })).toEqual({ retrieved: '2024-05-13', lastUpdated: '2024-01-01' });
    expect(file.messages).toEqual([]);
  });

  it('reports an empty value at its key', () => {
    const text = 'title:\npublisher: Verket\n';
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseMetaYaml(text, file, { path: file.path })).toEqual({ publisher: 'Verket' });
    expect(file.messages[0]?.reason).toBe('Unexpected empty value for `title`: expected string');
    expect(slice(text, file.messages[0]?.place)).toBe('title');
  });

  it('reports a sha256 that is not 64 hex digits', () => {
    const text = 'sha256: abc\n';
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseMetaYaml(text, file, { path: file.path })).toEqual({});
    expect(file.messages[0]?.reason).toBe('Unexpected value for `sha256`: expected 64 lower-case hexadecimal digits');
  });

  it('reports metadata that is not a mapping', () => {
    const text = '- a\n- b\n';
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseMetaYaml(text, file, { path: file.path })).toEqual({});
    expect(file.messages[0]).toMatchObject({ ruleId: 'meta-invalid', reason: 'Unexpected value for `metadata`: expected a mapping of fields' });
  });
});

describe('sidecar .meta.yaml', () => {
  it('puts messages on the sidecar file, at the bad value', () => {
    const text = 'title: Samverkan\nlanguage: english\nretrieved: 13/05/2024\n';
    const metaFile = new VFile({ path: 'sources/pages/site/page.en.txt.meta.yaml', value: text });
    expect(parseSidecarMeta(metaFile)).toEqual({ title: 'Samverkan' });
    expect(metaFile.messages.map((m) => [m.ruleId, m.reason, m.line, m.column, m.file])).toEqual([
      ['meta-invalid', 'Unexpected value for `language`: expected one of en, sv', 2, 11, metaFile.path],
      ['meta-invalid', 'Unexpected value for `retrieved`: expected a date as YYYY-MM-DD', 3, 12, metaFile.path],
    ]);
  });

  it('reports a YAML syntax error at its line and column and returns no metadata', () => {
    const text = 'title: Samverkan\nlanguage: [en\n';
    const metaFile = new VFile({ path: 'page.en.txt.meta.yaml', value: text });
    expect(parseSidecarMeta(metaFile)).toEqual({});
    expect(metaFile.messages.length).toBeGreaterThan(0);
    for (const message of metaFile.messages) {
      expect(message).toMatchObject({ ruleId: 'meta-yaml-syntax', source: 'samverkan' });
      expect(message.reason).toMatch(/^Unexpected YAML syntax \([A-Z_]+\): /);
      expect(message.line).toBeGreaterThanOrEqual(2);
    }
  });

  it('reports a duplicate field as a syntax error', () => {
    const metaFile = new VFile({ path: 'page.en.txt.meta.yaml', value: 'title: A\ntitle: B\n' });
    expect(parseSidecarMeta(metaFile)).toEqual({});
    expect(metaFile.messages[0]).toMatchObject({ ruleId: 'meta-yaml-syntax', line: 2, column: 1 });
  });
});
