import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatOf, planAdd, sidecarYaml, siteOf, slugify, slugOf, type AddInput, type AddPlan, type ExistingPage } from '../../pipeline/add/plan-add.js';
import { parseSidecarMeta } from '../../pipeline/parse/metadata.js';

// Pages written for these tests; no authority published them.
const englishText = 'Harbour safety group\n\nThe harbour office works with the coast guard and the police to keep the port safe for all of its visitors.\n';
const swedishText = 'Hamnens trygghetsgrupp\n\nHamnkontoret samarbetar med Kustbevakningen och polisen för att hamnen ska vara säker för alla som besöker den.\n';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function plan(overrides: Partial<AddInput> = {}): AddPlan {
  return planAdd({ fileName: 'saved.txt', bytes: utf8(englishText), url: 'https://www.hamnen.example/om/trygghet/', retrieved: '2024-05-13', existing: [], ...overrides });
}

function storedPage(overrides: Partial<AddInput> = {}): Extract<AddPlan, { action: 'store' }> {
  const result = plan(overrides);
  if (result.action !== 'store') throw new Error(`expected the page to be stored, got: ${result.reason}`);
  return result;
}

function refusal(overrides: Partial<AddInput>): string {
  const result = plan(overrides);
  if (result.action !== 'refuse') throw new Error(`expected a refusal, got ${result.relPath}`);
  return result.reason;
}

const stored = storedPage;

describe('siteOf', () => {
  it('is the host name, lower-case, without www. and without the port', () => {
    expect(siteOf(new URL('https://www.Polisen.SE:8443/om'))).toBe('polisen.se');
    expect(siteOf(new URL('https://kustbevakningen.se/'))).toBe('kustbevakningen.se');
    expect(siteOf(new URL('http://www2.example.se/'))).toBe('www2.example.se');
  });

  it('keeps a non-ASCII host in punycode, so two hosts never share a folder', () => {
    expect(siteOf(new URL('https://www.malmö.se/x'))).toBe('xn--malm-8qa.se');
  });

  it('has no folder for hosts that are not DNS names', () => {
    expect(siteOf(new URL('http://../a'))).toBeUndefined();
    expect(siteOf(new URL('http://[::1]/a'))).toBeUndefined();
    expect(siteOf(new URL('https://example.se./a'))).toBeUndefined();
    expect(siteOf(new URL('https://www./a'))).toBeUndefined();
  });
});

describe('slugOf', () => {
  const slug = (url: string): string => slugOf(new URL(url));

  it('takes the last path segment without its extension', () => {
    expect(slug('https://www.migrationsverket.se/English/About/Collaboration-against-crime.html')).toBe('collaboration-against-crime');
    expect(slug('https://polisen.se/om-polisen/samverkan/')).toBe('samverkan');
    expect(slug('https://example.se/page.aspx?id=4')).toBe('page');
  });

  it('folds Swedish letters and slugifies percent-encoded segments', () => {
    expect(slug('https://example.se/Samverkan-mot-Brott-i-Göteborg')).toBe('samverkan-mot-brott-i-goteborg');
    expect(slug('https://example.se/r%C3%A5det_f%C3%B6r%20%C3%A4ldre')).toBe('radet-for-aldre');
    expect(slugify('Ålands Ärende – ÖVERSIKT')).toBe('alands-arende-oversikt');
  });

  it('skips index and default documents and empty segments; the site root is index', () => {
    expect(slug('https://example.se/samverkan/index.html')).toBe('samverkan');
    expect(slug('https://example.se/samverkan/default.aspx')).toBe('samverkan');
    expect(slug('https://example.se//')).toBe('index');
    expect(slug('https://example.se')).toBe('index');
    expect(slug('https://example.se/index.php')).toBe('index');
  });

  it('keeps a dot between digits, which is not an extension', () => {
    expect(slug('https://example.se/plan-1.2')).toBe('plan-1-2');
  });

  it('never produces a path: encoded dots and slashes become hyphens or vanish', () => {
    expect(slug('https://example.se/a/%2E%2E%2F%2E%2E%2Fetc')).toBe('etc');
    // The URL parser resolves an encoded `..` segment itself: /a/%2E%2E is the root.
    expect(slug('https://example.se/a/%2E%2E')).toBe('index');
  });

  it('always gives lower-case a-z, 0-9 and single hyphens, at most 80 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const result = slugify(text);
        expect(result).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
        expect(result.length).toBeLessThanOrEqual(80);
      }),
    );
  });
});

describe('formatOf', () => {
  it('accepts .html, .md and .txt in any case and nothing else', () => {
    expect(['a.html', 'a.MD', 'b.c.txt', 'a.htm', 'a.pdf', 'html', '.txt', 'a.txt.meta.yaml'].map(formatOf)).toEqual(['html', 'md', 'txt', undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('planAdd: names and metadata', () => {
  it('stores a new page as pages/<site>/<slug>.<lang>.<ext> with its metadata', () => {
    const result = stored({ publisher: ' Hamnverket ' });
    expect(result.relPath).toBe('pages/hamnen.example/trygghet.en.txt');
    expect(result.format).toBe('txt');
    expect(result.versionOf).toEqual([]);
    expect(result.meta).toEqual({ url: 'https://www.hamnen.example/om/trygghet/', language: 'en', publisher: 'Hamnverket', retrieved: '2024-05-13', sha256: sha256(englishText) });
  });

  it('takes the title from <title>, on one line, and from front matter', () => {
    const html = `<html lang="en"><head><title>\n  Harbour safety\n  group </title></head><body><main><p>${englishText}</p></main></body></html>`;
    expect(stored({ fileName: 'x.html', bytes: utf8(html) }).meta.title).toBe('Harbour safety group');
    const md = `---\ntitle: Harbour safety group\n---\n\n${englishText}`;
    expect(stored({ fileName: 'x.md', bytes: utf8(md) }).meta.title).toBe('Harbour safety group');
    expect(stored().meta.title).toBeUndefined();
  });

  it('writes a sidecar that reads back as the same metadata without a message', () => {
    const result = stored({ publisher: 'Hamnverket: "södra" # hamnen' });
    const text = sidecarYaml(result.meta, result.languageFrom);
    const file = new VFile({ path: 'x.meta.yaml', value: text });
    expect(parseSidecarMeta(file)).toEqual(result.meta);
    expect(file.messages).toEqual([]);
    expect(text.split('\n').filter((line) => !line.startsWith('#')).map((line) => line.split(':')[0])).toEqual(['url', 'language', 'publisher', 'retrieved', 'sha256', '']);
  });

  it('says in the sidecar when the language was detected', () => {
    const result = stored({ bytes: utf8(swedishText) });
    expect(result.languageFrom).toBe('detected');
    expect(sidecarYaml(result.meta, 'detected')).toContain('# `language` was detected from the text');
    expect(sidecarYaml(result.meta, 'option')).not.toContain('detected');
  });
});

describe('planAdd: the language', () => {
  const htmlSv = (body: string): Uint8Array => utf8(`<html lang="sv-SE"><body><main><p>${body}</p></main></body></html>`);

  it('uses --language first, then warns when the page disagrees', () => {
    const result = stored({ fileName: 'x.html', bytes: htmlSv(englishText), language: 'en' });
    expect([result.meta.language, result.languageFrom, result.relPath]).toEqual(['en', 'option', 'pages/hamnen.example/trygghet.en.html']);
    expect(result.warnings).toEqual(['x.html: the page declares language sv; --language en wins']);
  });

  it('uses the page’s <html lang> or front matter before detection', () => {
    const html = stored({ fileName: 'x.html', bytes: htmlSv(englishText) });
    expect([html.meta.language, html.languageFrom]).toEqual(['sv', 'page']);
    const md = stored({ fileName: 'x.md', bytes: utf8(`---\nlanguage: sv\n---\n\n${englishText}`) });
    expect([md.meta.language, md.languageFrom, md.relPath]).toEqual(['sv', 'page', 'pages/hamnen.example/trygghet.sv.md']);
  });

  it('detects the language of the text when nothing declares it', () => {
    const sv = stored({ bytes: utf8(swedishText) });
    expect([sv.meta.language, sv.languageFrom, sv.relPath]).toEqual(['sv', 'detected', 'pages/hamnen.example/trygghet.sv.txt']);
    expect(sv.warnings).toEqual([expect.stringMatching(/^saved\.txt: language detected as sv \(confidence 1\.00\)/)]);
    // <html lang="de"> is neither en nor sv: said, then detected; the markup's words do not count.
    const de = stored({ fileName: 'x.html', bytes: utf8(`<html lang="de"><body><main><p>${englishText}</p></main></body></html>`) });
    expect([de.meta.language, de.languageFrom]).toEqual(['en', 'detected']);
    expect(de.warnings[0]).toContain('the page declares `de`, which is neither en nor sv');
  });

  it('refuses to guess when the text has no English or Swedish words', () => {
    expect(refusal({ bytes: utf8('Kustbevakningen 2024\n') })).toBe("saved.txt: cannot tell the page's language (no English or Swedish words found); give --language en or --language sv");
    expect(stored({ bytes: utf8('Kustbevakningen 2024\n'), language: 'sv' }).relPath).toBe('pages/hamnen.example/trygghet.sv.txt');
  });

  it('reports invalid front matter as a warning and keeps what is valid', () => {
    const result = stored({ fileName: 'x.md', bytes: utf8(`---\nlanguage: sv\ntitel: Hamnen\n---\n\n${swedishText}`) });
    expect(result.languageFrom).toBe('page');
    expect(result.warnings).toEqual([expect.stringMatching(/^x\.md:3:1: Unexpected field `titel`/)]);
  });
});

describe('planAdd: versions', () => {
  // The language is given so that only the version warnings remain.
  const stored = (overrides: Partial<AddInput>) => storedPage({ language: 'en', ...overrides });
  const page = (relPath: string, text: string, meta: Partial<ExistingPage> = {}): ExistingPage => ({ relPath, sha256: sha256(text), url: 'https://hamnen.example/om/trygghet', retrieved: '2024-01-10', ...meta });

  it('stores a new version beside the old one, named by its retrieved date', () => {
    const result = stored({ existing: [page('pages/hamnen.example/trygghet.en.txt', 'old text')] });
    expect(result.relPath).toBe('pages/hamnen.example/trygghet.en.2024-05-13.txt');
    expect(result.versionOf).toEqual(['pages/hamnen.example/trygghet.en.txt']);
    expect(result.warnings).toEqual([]);
  });

  it('counts -2, -3 … when a version of that day is already stored', () => {
    const existing = [
      page('pages/hamnen.example/trygghet.en.txt', 'v1'),
      page('pages/hamnen.example/trygghet.en.2024-05-13.txt', 'v2', { retrieved: '2024-05-13' }),
      page('pages/hamnen.example/trygghet.en.2024-05-13-2.md', 'v3', { retrieved: '2024-05-13' }),
    ];
    const result = stored({ existing });
    expect(result.relPath).toBe('pages/hamnen.example/trygghet.en.2024-05-13-3.txt');
    // In code-unit order: `-` before `.`, digits before letters.
    expect(result.versionOf).toEqual([
      'pages/hamnen.example/trygghet.en.2024-05-13-2.md',
      'pages/hamnen.example/trygghet.en.2024-05-13.txt',
      'pages/hamnen.example/trygghet.en.txt',
    ]);
    expect(result.warnings).toEqual([
      'pages/hamnen.example/trygghet.en.2024-05-13-2.md was retrieved the same day (2024-05-13): which version is current cannot be told from the dates',
      'pages/hamnen.example/trygghet.en.2024-05-13.txt was retrieved the same day (2024-05-13): which version is current cannot be told from the dates',
    ]);
  });

  it('treats another format of the same name as a version (the build would give both one source id)', () => {
    expect(stored({ existing: [page('pages/hamnen.example/Trygghet.en.html', 'html')] }).relPath).toBe('pages/hamnen.example/trygghet.en.2024-05-13.txt');
  });

  it('is not confused by other languages, slugs or sites', () => {
    const existing = [
      page('pages/hamnen.example/trygghet.sv.txt', 'a'),
      page('pages/hamnen.example/trygghet-2.en.txt', 'b'),
      page('pages/hamnen.example/trygghet.en.draft.txt', 'c'),
      page('pages/other.example/trygghet.en.txt', 'd'),
    ];
    const result = stored({ existing });
    expect(result.relPath).toBe('pages/hamnen.example/trygghet.en.txt');
    expect(result.versionOf).toEqual([]);
  });

  it('warns when the earlier version was retrieved later, lacks the dates, or came from another address', () => {
    expect(stored({ existing: [page('pages/hamnen.example/trygghet.en.txt', 'x', { retrieved: '2024-06-01' })] }).warnings).toEqual([
      'pages/hamnen.example/trygghet.en.txt was retrieved later (2024-06-01): it stays the current version',
    ]);
    expect(stored({ existing: [{ relPath: 'pages/hamnen.example/trygghet.en.txt', sha256: sha256('x') }] }).warnings).toEqual([
      'pages/hamnen.example/trygghet.en.txt has no url in its metadata, so nothing says it is an earlier version of the same page',
    ]);
    expect(stored({ existing: [page('pages/hamnen.example/trygghet.en.txt', 'x', { url: 'https://hamnen.example/trygghet?id=2' })] }).warnings).toEqual([
      'pages/hamnen.example/trygghet.en.txt was saved from https://hamnen.example/trygghet?id=2, another address with the same name: the two are different pages to the build',
    ]);
  });
});

describe('planAdd: refusals', () => {
  it('refuses content that is already stored, naming the file that has it', () => {
    const existing = [
      { relPath: 'pages/elsewhere.example/copy.en.txt', sha256: sha256(englishText), url: 'https://elsewhere.example/copy' },
      { relPath: 'pages/hamnen.example/trygghet.en.txt', sha256: sha256(englishText), url: 'https://hamnen.example/om/trygghet' },
    ];
    expect(refusal({ existing })).toBe(
      'saved.txt: the same content is already stored as pages/elsewhere.example/copy.en.txt (saved from https://elsewhere.example/copy), pages/hamnen.example/trygghet.en.txt; nothing added',
    );
  });

  it('refuses URLs that are not http(s), not URLs, or hold credentials', () => {
    expect(refusal({ url: 'ftp://hamnen.example/trygghet' })).toBe('ftp://hamnen.example/trygghet: unexpected ftp URL, expected an http or https address');
    expect(refusal({ url: 'file:///etc/passwd' })).toBe('file:///etc/passwd: unexpected file URL, expected an http or https address');
    expect(refusal({ url: 'javascript:alert(1)' })).toBe('javascript:alert(1): unexpected javascript URL, expected an http or https address');
    expect(refusal({ url: 'hamnen.example/trygghet' })).toBe('hamnen.example/trygghet: not a URL, expected an http or https address');
    expect(refusal({ url: 'https://user:secret@hamnen.example/' })).toContain('the URL holds a user name or password');
  });

  it('refuses hosts that would make an unsafe or meaningless folder', () => {
    expect(refusal({ url: 'http://../trygghet' })).toBe('http://../trygghet: cannot make a folder name from the host `..`, expected a DNS name such as polisen.se');
    expect(refusal({ url: 'http://[::1]/trygghet' })).toContain('cannot make a folder name from the host `[::1]`');
  });

  it('refuses unknown file types, text that is not UTF-8, blank pages and bad dates', () => {
    expect(refusal({ fileName: 'saved.pdf' })).toBe('saved.pdf: unexpected file type, expected a saved page ending .html, .md or .txt');
    expect(refusal({ bytes: new Uint8Array([0x48, 0x61, 0x6d, 0xe5, 0x6e]) })).toBe('saved.txt: unexpected bytes that are not UTF-8, expected a UTF-8 text file (convert it first)');
    expect(refusal({ bytes: utf8(' \n\t\n') })).toBe('saved.txt: the page has no text');
    expect(refusal({ retrieved: '2024-02-30' })).toBe('saved.txt: unexpected metadata, `retrieved`: expected a calendar date as YYYY-MM-DD');
    expect(refusal({ publisher: '  ' })).toBe('saved.txt: unexpected metadata, `publisher`: expected a non-empty string');
  });
});
