// Bad page input: the pure byte checks (inspect-bytes.ts) first, then reading such files from a
// folder (read-pages.ts) and carrying evidence through the whole pipeline.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { DEFAULT_MAX_PAGE_BYTES, decodeTextBytes, decodeWindows1252, formatByteSize, inspectPageBytes, parseByteSize, placeAt, tooLarge, type PageInspection } from '../../pipeline/io/inspect-bytes.js';
import { isSkipped, readPage, scanPages, type ReadPage, type SkippedPage } from '../../pipeline/io/read-pages.js';
import { PageUnusableError } from '../../pipeline/parse/page-unusable.js';
import { buildPages } from '../helpers/pipeline.js';

// The parser as it is, except for two file names that stand for pages it cannot take: one it
// declares unusable, one that overflows the call stack the way a recursive library does.
vi.mock('../../pipeline/parse/parse-page.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../pipeline/parse/parse-page.js')>();
  return {
    ...original,
    parsePage: (...args: Parameters<typeof original.parsePage>) => {
      const [file] = args;
      if (file.path.endsWith('/unusable.en.txt')) throw new PageUnusableError('page-nesting-too-deep', 'Unexpected txt page nested too deep to parse, expected less nesting', { line: 2, column: 3, offset: 7 });
      if (file.path.endsWith('/overflow.en.txt')) throw new RangeError('Maximum call stack size exceeded');
      if (file.path.endsWith('/bug.en.txt')) throw new TypeError('a bug, not bad input');
      return original.parsePage(...args);
    },
  };
});

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const failure = (r: PageInspection) => {
  if (r.ok) throw new Error(`expected a failure, got text ${JSON.stringify(r.text.slice(0, 40))}`);
  return r;
};
const success = (r: PageInspection) => {
  if (!r.ok) throw new Error(`expected text, got ${r.ruleId}: ${r.reason}`);
  return r;
};

describe('inspectPageBytes: empty files', () => {
  it('0 bytes is page-empty', () => {
    const r = failure(inspectPageBytes(new Uint8Array(0), 'pages/a/x.en.txt'));
    expect(r.ruleId).toBe('page-empty');
    expect(r.reason).toBe('Unexpected empty file (0 bytes), expected the text of a saved page');
  });

  it('only white space (a BOM, CRLF, tabs, no-break spaces) is page-empty, with the byte count', () => {
    const r = failure(inspectPageBytes(bytes([0xef, 0xbb, 0xbf], ' \r\n\t\u00a0\r\n'), 'pages/a/x.sv.md'));
    expect(r.ruleId).toBe('page-empty');
    expect(r.reason).toContain('only white space (11 bytes)');
  });

  it('a single visible character is enough', () => {
    expect(success(inspectPageBytes(bytes('\n x \n'), 'pages/a/x.en.txt')).text).toBe('\n x \n');
  });
});

describe('inspectPageBytes: binary files', () => {
  const cases: [string, Uint8Array, string][] = [
    ['PDF', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n'), 'a PDF'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'a PNG image'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'a JPEG image'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'a GIF image'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'a WebP image'],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0], 'notes.txt'), 'a ZIP archive'],
    ['Word', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0], '[Content_Types].xml', [0x50, 0x4b, 0x03, 0x04], 'word/document.xml'), 'a Word document (.docx)'],
    ['Excel', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0], '[Content_Types].xml', [0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'), 'an Excel workbook (.xlsx)'],
    ['legacy Office', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a legacy Microsoft Office document (.doc, .xls or .ppt)'],
    ['gzip', bytes([0x1f, 0x8b, 0x08, 0x00]), 'a gzip archive'],
  ];
  it.each(cases)('%s bytes under a page name are page-binary, naming what they look like', (_, content, what) => {
    const r = failure(inspectPageBytes(content, 'pages/a/report.en.html'));
    expect(r.ruleId).toBe('page-binary');
    expect(r.reason).toContain(`Unexpected binary content in a \`.html\` file: it looks like ${what} (it starts with`);
  });

  it('a NUL byte anywhere makes a file binary, at its byte offset', () => {
    const r = failure(inspectPageBytes(bytes('Harbour group\nmeets', [0], 'twice'), 'pages/a/x.en.txt'));
    expect(r).toMatchObject({ ruleId: 'page-binary', offset: 19 });
    expect(r.reason).toBe('Unexpected binary content in a `.txt` file: it looks like a binary file (a NUL byte at byte 19), expected the text of a saved page');
  });

  it('UTF-16 with a byte order mark is named as such (page-encoding), without one it is binary "or UTF-16"', () => {
    const text = 'Harbour group meets twice a year';
    const withBom = failure(inspectPageBytes(bytes([0xff, 0xfe], Array.from(Buffer.from(text, 'utf16le'))), 'pages/a/x.en.txt'));
    expect(withBom).toMatchObject({ ruleId: 'page-encoding', offset: 0 });
    expect(withBom.reason).toContain('Unexpected UTF-16 text (byte order mark little-endian, FF FE), expected UTF-8');
    const bigEndian = failure(inspectPageBytes(bytes([0xfe, 0xff], Array.from(Buffer.from(text, 'utf16le').swap16())), 'pages/a/x.en.txt'));
    expect(bigEndian.reason).toContain('big-endian, FE FF');
    const noBom = failure(inspectPageBytes(Buffer.from(text, 'utf16le'), 'pages/a/x.en.txt'));
    expect(noBom.ruleId).toBe('page-binary');
    expect(noBom.reason).toContain('a binary file or UTF-16 text without a byte order mark (a NUL byte at byte 1)');
  });

  it('text that merely starts like a signature ("PK", "GIF") is text', () => {
    expect(success(inspectPageBytes(bytes('PK-samverkan meets in GIF hall'), 'pages/a/x.en.txt')).encoding).toBe('utf-8');
  });
});

describe('inspectPageBytes: encodings', () => {
  it('UTF-8 with a BOM and CRLF: the text without the BOM, line endings kept', () => {
    const r = success(inspectPageBytes(bytes([0xef, 0xbb, 0xbf], 'Rådet\r\n\r\nÅklagarmyndigheten leder.\r\n'), 'pages/a/x.sv.txt'));
    expect(r).toEqual({ ok: true, text: 'Rådet\r\n\r\nÅklagarmyndigheten leder.\r\n', encoding: 'utf-8', bom: true, warnings: [] });
  });

  it('a Windows-1252 Swedish page (isolated å ä ö, curly quotes, en dash) is read as such with a warning placed at the first such byte', () => {
    const text = 'Samverkan i Norrland\r\nGruppen “Norrlandsrådet” – här möts Åklagarmyndigheten och Tullverket.\r\n';
    const r = success(inspectPageBytes(windows1252(text), 'pages/a/x.sv.txt'));
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(text);
    expect(r.bom).toBe(false);
    const offset = text.indexOf('“');
    expect(r.warnings).toEqual([
      {
        ruleId: 'page-encoding-latin1',
        place: { line: 2, column: offset - text.indexOf('Gruppen') + 1, offset },
        reason: `Unexpected Windows-1252 (Latin-1) text, expected UTF-8: read as Windows-1252 (the first byte that is not UTF-8 is 0x93 ““” at byte ${offset}); save the page as UTF-8 to silence this`,
      },
    ]);
  });

  it('decodeWindows1252 maps 0x80–0x9F as Windows-1252 does, not as ISO-8859-1', () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x82, 0x85, 0x8a, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0xe5, 0xc4))).toBe('€‚…Š‘’“”–—™ŸåÄ');
  });

  it('Latin-1 bytes (Buffer latin1) read the same way', () => {
    const text = 'På gården möts polis och åklagare.\n';
    const r = success(inspectPageBytes(Buffer.from(text, 'latin1'), 'pages/a/x.sv.txt'));
    expect([r.encoding, r.text, r.warnings[0]?.place]).toEqual(['windows-1252', text, { line: 1, column: 2, offset: 1 }]);
  });

  it('a mix of valid UTF-8 and stray high bytes is page-encoding, with the byte offset and the line and column of the text before it', () => {
    const content = bytes('Rådet\nmöts ', [0xe5], 'rligen\n');
    const r = failure(inspectPageBytes(content, 'pages/a/x.sv.txt'));
    // bytes: R å(2) d e t \n m ö(2) t s ' ' → 0xE5 at byte 13; the text before it is "Rådet\nmöts "
    expect(r).toMatchObject({ ruleId: 'page-encoding', offset: 13, line: 2, column: 6 });
    expect(r.reason).toBe('Unexpected byte 0xE5 at byte 13, expected UTF-8 text (nor does the file read as Windows-1252): save the page as UTF-8');
  });

  it('counts the byte offset with the BOM and the column without it', () => {
    const r = failure(inspectPageBytes(bytes([0xef, 0xbb, 0xbf], 'ab', [0xc3, 0x28]), 'pages/a/x.en.txt'));
    expect(r).toMatchObject({ ruleId: 'page-encoding', offset: 5, line: 1, column: 3 });
  });

  it('bytes Windows-1252 leaves undefined, control characters, þ and ÿ (FE, FF) are not Windows-1252', () => {
    for (const bad of [[0x81], [0x9d], [0xff], [0xfe], [0x01, 0xe5]]) {
      const r = failure(inspectPageBytes(bytes('Text ', bad, ' more\n'), 'pages/a/x.en.txt'));
      expect(r.ruleId).toBe('page-encoding');
      // the first byte that is not UTF-8 (0x01 is ASCII)
      expect(r.offset).toBe(5 + bad.length - 1);
    }
  });

  it('a file cut off inside a UTF-8 character is page-encoding, not Windows-1252', () => {
    const r = failure(inspectPageBytes(bytes('Costs 10 ', [0xe2, 0x82]), 'pages/a/x.en.txt'));
    expect(r).toMatchObject({ ruleId: 'page-encoding', offset: 9, line: 1, column: 10 });
    expect(r.reason).toContain('Unexpected end of file inside a UTF-8 character (0xE2 at byte 9 starts it)');
  });

  it('decodeTextBytes (sidecars) accepts an empty file', () => {
    expect(success(decodeTextBytes(new Uint8Array(0), 'pages/a/x.en.txt.meta.yaml')).text).toBe('');
  });
});

describe('sizes', () => {
  it('parseByteSize reads bytes and KB/MB/GB as binary multiples; anything else is undefined', () => {
    expect(parseByteSize('20MB')).toBe(DEFAULT_MAX_PAGE_BYTES);
    expect(parseByteSize('20971520')).toBe(20 * 1024 * 1024);
    expect(parseByteSize('1.5 kb')).toBe(1536);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('512 bytes')).toBe(512);
    for (const bad of ['0', '-5', 'lots', '20 TB', '', '1e6']) expect(parseByteSize(bad)).toBeUndefined();
  });

  it('formatByteSize is fixed notation', () => {
    expect([formatByteSize(512), formatByteSize(1536), formatByteSize(DEFAULT_MAX_PAGE_BYTES), formatByteSize(3 * 1024 ** 3)]).toEqual(['512 bytes', '1.5 KB', '20.0 MB', '3.0 GB']);
  });

  it('tooLarge names the size and the limit', () => {
    expect(tooLarge(25 * 1024 * 1024, DEFAULT_MAX_PAGE_BYTES)).toEqual({
      ok: false,
      ruleId: 'page-too-large',
      reason: 'Unexpected file of 25.0 MB (26214400 bytes), expected at most 20.0 MB (--max-size): not read',
    });
  });

  it('placeAt counts CRLF, CR and LF as one line ending each', () => {
    expect(placeAt('a\r\nb\rc\nde', 8)).toEqual({ line: 4, column: 2, offset: 8 });
    expect(placeAt('a\r\n', 3)).toEqual({ line: 2, column: 1, offset: 3 });
  });
});

/** Windows-1252 bytes of a text (only characters that encoding has). */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96, '’': 0x92 };
  return Buffer.from(Array.from(text, (c) => high[c] ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));
}

// ---------------------------------------------------------------------------------------------
// From files: read-pages.ts and the pipeline.

let dir: string;
let outside: string;
const write = (rel: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
};

// Words of our own about made-up forums, built from names the registry knows.
const crlfPage =
  '\uFEFFHarbour Crime Council\r\n\r\nThe Harbour Crime Council is a forum for cooperation among three authorities. ' +
  'The council was started in 2014 and is led by the Swedish Coast Guard. The other authorities are the Swedish Customs and the Swedish Police Authority.\r\n\r\n' +
  'The council meets in Gothenburg.\r\n';
const swedishPage =
  'Samverkansgruppen mot miljöbrott i Östersjön\n\nSamverkansgruppen mot miljöbrott i Östersjön är ett forum för samverkan mellan fyra myndigheter. ' +
  'Gruppen bildades 2018 och leds av Ekobrottsmyndigheten. Övriga myndigheter är Kriminalvården, Åklagarmyndigheten och Skatteverket.\n\n' +
  'Gruppen träffas två gånger om året på Gotland.\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'samverkan-bad-input-'));
  outside = mkdtempSync(path.join(tmpdir(), 'samverkan-outside-'));
  writeFileSync(path.join(outside, 'secret.en.txt'), 'Not part of the sources.\n');
  writeFileSync(path.join(outside, 'secret.meta.yaml'), 'title: secret\n');
  mkdirSync(path.join(outside, 'folder'));
  writeFileSync(path.join(outside, 'folder', 'inner.en.txt'), 'Inner.\n');

  write('pages/s/harbour.en.txt', crlfPage);
  write('pages/s/miljo.sv.txt', Buffer.from(swedishPage, 'latin1'));
  write('pages/s/miljo.sv.txt.meta.yaml', 'url: https://example.org/sv/miljobrott\nlanguage: sv\n');
  write('pages/s/legacy.en.htm', '<html lang="en"><body><p>Old page.</p></body></html>');
  write('pages/s/.gitkeep', '');
  write('pages/s/.DS_Store', Buffer.from([0, 0, 0, 1]));
  write('pages/s/slides.pptx', Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  write('pages/s/LICENSE', 'MIT\n');
  write('pages/s/stray.en.txt.meta.yaml', 'title: stray\n');
  write('pages/s/notes.pdf.meta.yaml', 'title: notes\n');
  write('pages/s/notes.pdf', '%PDF-1.4\n');
  write('pages/s/linked-meta.en.txt', 'A page whose sidecar leads out.\n');
  symlinkSync(path.join(outside, 'secret.meta.yaml'), path.join(dir, 'pages/s/linked-meta.en.txt.meta.yaml'));
  symlinkSync(path.join(outside, 'secret.en.txt'), path.join(dir, 'pages/s/secret.en.txt'));
  symlinkSync(path.join(outside, 'folder'), path.join(dir, 'pages/s/elsewhere'));
  symlinkSync('harbour.en.txt', path.join(dir, 'pages/s/alias.en.txt'));
  symlinkSync('missing.en.txt', path.join(dir, 'pages/s/dangling.en.txt'));
  mkdirSync(path.join(dir, 'pages/s/folder.en.txt'));
  write('pages/s/huge.en.txt', '');
  truncateSync(path.join(dir, 'pages/s/huge.en.txt'), DEFAULT_MAX_PAGE_BYTES + 1); // sparse: no 20 MB written
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const skipOf = (page: ReadPage | SkippedPage) => {
  if (!isSkipped(page)) throw new Error(`${page.file.path} was read, expected a skip`);
  const [m] = page.file.messages;
  return { ruleId: page.skip.ruleId, reason: page.skip.reason, fatal: m?.fatal, messages: page.file.messages.length, file: m?.file };
};

describe('scanPages', () => {
  it('lists pages (.htm too, links inside the sources, folders named like pages) and reports everything else under pages/, hidden files aside', async () => {
    const scan = await scanPages(dir);
    expect(scan.pages).toEqual([
      'pages/s/alias.en.txt',
      'pages/s/dangling.en.txt',
      'pages/s/folder.en.txt',
      'pages/s/harbour.en.txt',
      'pages/s/huge.en.txt',
      'pages/s/legacy.en.htm',
      'pages/s/linked-meta.en.txt',
      'pages/s/miljo.sv.txt',
      'pages/s/secret.en.txt',
    ]);
    expect(scan.problems.map((p) => [p.relPath, p.ruleId])).toEqual([
      ['pages/s/LICENSE', 'page-unknown-type'],
      ['pages/s/elsewhere', 'page-outside-sources'],
      ['pages/s/notes.pdf', 'page-unknown-type'],
      ['pages/s/slides.pptx', 'page-unknown-type'],
      ['pages/s/stray.en.txt.meta.yaml', 'meta-without-page'],
    ]);
    expect(scan.problems[0]?.reason).toBe('Unexpected file without an extension under pages/, expected a saved page (.txt, .md, .html or .htm): convert it to one, or move it out of pages/');
    expect(scan.problems[2]?.reason).toContain('Unexpected file type `.pdf` under pages/');
    expect(scan.problems[1]?.reason).toContain('outside the sources folder');
  });
});

describe('readPage on bad files', () => {
  it('skips a link to a file outside the sources folder without reading it', async () => {
    const s = skipOf(await readPage(dir, 'pages/s/secret.en.txt'));
    expect(s).toMatchObject({ ruleId: 'page-outside-sources', fatal: true, messages: 1 });
    expect(s.reason).toContain('secret.en.txt, outside the sources folder');
  });

  it('skips a page whose sidecar leads outside, the message placed on the sidecar', async () => {
    const s = skipOf(await readPage(dir, 'pages/s/linked-meta.en.txt'));
    expect(s).toMatchObject({ ruleId: 'page-outside-sources', file: `${dir}/pages/s/linked-meta.en.txt.meta.yaml` });
    expect(s.reason).toMatch(/^its metadata file linked-meta\.en\.txt\.meta\.yaml: Unexpected link to .+secret\.meta\.yaml, outside the sources folder/u);
  });

  it('reads a link that stays inside the sources folder', async () => {
    const page = await readPage(dir, 'pages/s/alias.en.txt');
    expect(isSkipped(page) ? page.skip : String(page.file.value)).toBe(crlfPage.slice(1));
  });

  it('skips a dangling link and a folder named like a page as page-unreadable, with the OS reason', async () => {
    const dangling = skipOf(await readPage(dir, 'pages/s/dangling.en.txt'));
    expect(dangling).toMatchObject({ ruleId: 'page-unreadable' });
    expect(dangling.reason).toBe('Unexpected link to `missing.en.txt`, which cannot be followed (ENOENT: no such file or directory), expected a file');
    expect(skipOf(await readPage(dir, 'pages/s/folder.en.txt'))).toMatchObject({ ruleId: 'page-unreadable', reason: 'Unexpected folder named like a page, expected a file' });
  });

  it('skips a file over the limit from its size, and honours a smaller limit', async () => {
    const huge = skipOf(await readPage(dir, 'pages/s/huge.en.txt'));
    expect(huge).toMatchObject({ ruleId: 'page-too-large', reason: `Unexpected file of 20.0 MB (${DEFAULT_MAX_PAGE_BYTES + 1} bytes), expected at most 20.0 MB (--max-size): not read` });
    expect(skipOf(await readPage(dir, 'pages/s/harbour.en.txt', { maxBytes: 100 }))).toMatchObject({ ruleId: 'page-too-large' });
    expect(isSkipped(await readPage(dir, 'pages/s/harbour.en.txt', { maxBytes: Buffer.byteLength(crlfPage) }))).toBe(false);
  });

  it('reads .htm as HTML', async () => {
    const page = await readPage(dir, 'pages/s/legacy.en.htm');
    expect(isSkipped(page) ? page.skip : page.format).toBe('html');
  });
});

/** Every evidence object anywhere in the dataset. */
function allEvidence(dataset: Dataset): { sourceId: string; start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number }; quote: string }[] {
  const found: ReturnType<typeof allEvidence> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.sourceId === 'string' && typeof v.quote === 'string' && v.start && v.end) found.push(v as unknown as ReturnType<typeof allEvidence>[number]);
      else Object.values(v).forEach(visit);
    }
  };
  visit(dataset);
  return found;
}

describe('through the whole pipeline', () => {
  it('a UTF-8 page with BOM and CRLF, and a Windows-1252 Swedish page: every evidence quote is the decoded text at its offsets, line and column included', async () => {
    const result = await buildPages(dir, ['pages/s/harbour.en.txt', 'pages/s/miljo.sv.txt']);
    expect(result.skipped).toEqual([]);
    const texts = new Map([
      ['s/harbour.en', crlfPage.slice(1)],
      ['s/miljo.sv', swedishPage],
    ]);
    const forums = result.dataset.forums.map((f) => [f.id, f.name]);
    expect(forums).toEqual([
      ['harbour-crime-council', { en: 'Harbour Crime Council' }],
      ['samverkansgruppen-mot-miljobrott-i-ostersjon', { sv: 'Samverkansgruppen mot miljöbrott i Östersjön' }],
    ]);
    const members = result.dataset.memberships.map((m) => `${m.forumId} ${m.authorityId} ${m.role} ${m.evidence.map((e) => e.quote).join('|')}`);
    expect(members).toEqual(
      expect.arrayContaining([
        'harbour-crime-council kustbevakningen lead Swedish Coast Guard',
        'harbour-crime-council tullverket member Swedish Customs',
        'samverkansgruppen-mot-miljobrott-i-ostersjon aklagarmyndigheten member Åklagarmyndigheten',
        'samverkansgruppen-mot-miljobrott-i-ostersjon ekobrottsmyndigheten lead Ekobrottsmyndigheten',
        'samverkansgruppen-mot-miljobrott-i-ostersjon skatteverket member Skatteverket',
      ]),
    );
    const evidence = allEvidence(result.dataset);
    expect(evidence.length).toBeGreaterThan(10);
    expect(new Set(evidence.map((e) => e.sourceId))).toEqual(new Set(texts.keys()));
    for (const e of evidence) {
      const text = texts.get(e.sourceId) as string;
      expect(text.slice(e.start.offset, e.end.offset)).toBe(e.quote);
      expect(placeAt(text, e.start.offset)).toEqual(e.start);
      expect(placeAt(text, e.end.offset)).toEqual(e.end);
    }
    // "Gruppen bildades 2018": line 3 of the Swedish page, after å ä ö that are one byte each
    const start = result.dataset.forums[1]?.startEvidence?.[0];
    expect(start?.quote).toBe('2018');
    expect(start?.start.line).toBe(3);

    const swedish = result.files.find((f) => f.path.endsWith('miljo.sv.txt'));
    expect(swedish?.messages.filter((m) => m.ruleId === 'page-encoding-latin1').map((m) => [m.line, m.column, m.fatal])).toEqual([[1, swedishPage.indexOf('ö') + 1, false]]);
    const sourceHash = result.dataset.sources.find((s) => s.id === 's/miljo.sv')?.sha256;
    expect(sourceHash).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe('deeply nested pages (10,000 levels)', () => {
  it('never stop the build: each is parsed or skipped as page-nesting-too-deep, and the other pages still build', async () => {
    write('pages/deep/quotes.en.md', `# Deep quotes\n\n${'> '.repeat(10_000)}text\n`);
    write('pages/deep/divs.en.html', `<html lang="en"><body>${'<div>'.repeat(10_000)}text${'</div>'.repeat(10_000)}</body></html>`);
    const deep = ['pages/deep/divs.en.html', 'pages/deep/quotes.en.md'];
    const result = await buildPages(dir, ['pages/s/harbour.en.txt', ...deep]);
    expect(result.dataset.forums.map((f) => f.id)).toContain('harbour-crime-council');
    for (const rel of deep) {
      const skip = result.skipped.find((s) => s.path === `${dir}/${rel}`);
      const source = result.dataset.sources.find((s) => s.path === rel);
      expect(skip === undefined ? 'read' : skip.ruleId, rel).toBe(source === undefined ? 'page-nesting-too-deep' : 'read');
      if (skip) expect(result.files.find((f) => f.path === skip.path)?.messages.at(-1)).toMatchObject({ ruleId: 'page-nesting-too-deep', fatal: true });
    }
  });
});

describe('buildDataset and the parser', () => {
  it('skips a page the parser declares unusable (with its rule, reason and place) or that overflows the stack, and builds the others', async () => {
    write('pages/p/unusable.en.txt', 'Some\ntext\n');
    write('pages/p/overflow.en.txt', 'More text\n');
    const result = await buildPages(dir, ['pages/p/overflow.en.txt', 'pages/s/harbour.en.txt', 'pages/p/unusable.en.txt']);
    expect(result.dataset.sources.map((s) => s.path)).toEqual(['pages/s/harbour.en.txt']);
    expect(result.skipped).toEqual([
      { path: `${dir}/pages/p/overflow.en.txt`, ruleId: 'page-nesting-too-deep', reason: 'Unexpected page nested too deep to read (Maximum call stack size exceeded), expected less nesting' },
      { path: `${dir}/pages/p/unusable.en.txt`, ruleId: 'page-nesting-too-deep', reason: 'Unexpected txt page nested too deep to parse, expected less nesting' },
    ]);
    const unusable = result.files.find((f) => f.path.endsWith('/unusable.en.txt'));
    expect(unusable?.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([['page-nesting-too-deep', 2, 3, true]]);
  });

  it('lets any other error through: a bug is not bad input', async () => {
    write('pages/p/bug.en.txt', 'Text\n');
    await expect(buildPages(dir, ['pages/p/bug.en.txt'])).rejects.toThrow(TypeError);
  });
});
