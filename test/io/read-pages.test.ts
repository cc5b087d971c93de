import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPageFiles, readPage } from '../../pipeline/io/read-pages.js';
import { parsePage, parseSidecarMeta } from '../../pipeline/parse/index.js';

let sources: string;
const page = '\uFEFFHarbour group\r\n\r\nThe group meets twice a year.\r\n';

beforeAll(() => {
  sources = mkdtempSync(path.join(tmpdir(), 'samverkan-read-pages-'));
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(sources, rel)), { recursive: true });
    writeFileSync(path.join(sources, rel), content);
  };
  write('pages/z-site/page.en.txt', page);
  write('pages/z-site/page.en.txt.meta.yaml', 'title: Harbour group\nlanguage: klingon\n');
  write('pages/a-site/Zeta.sv.md', '# Zeta\n');
  write('pages/a-site/alpha.sv.html', '<p>alpha</p>');
  write('pages/a-site/nested/beta.en.txt', 'Beta\n');
  write('pages/a-site/logo.png', Buffer.from([0x89, 0x50]));
  write('pages/a-site/notes.yaml', 'x: 1\n');
  write('pages/broken.en.txt', Buffer.from([0x41, 0xff, 0x42]));
});

afterAll(() => rmSync(sources, { recursive: true, force: true }));

describe('listPageFiles', () => {
  it('lists .txt, .md and .html pages recursively in code-unit order, without sidecars', async () => {
    expect(await listPageFiles(sources)).toEqual([
      'pages/a-site/Zeta.sv.md',
      'pages/a-site/alpha.sv.html',
      'pages/a-site/nested/beta.en.txt',
      'pages/broken.en.txt',
      'pages/z-site/page.en.txt',
    ]);
  });
});

describe('readPage', () => {
  it('hashes the bytes as saved, strips the BOM from the text and reads the sidecar', async () => {
    const read = await readPage(sources, 'pages/z-site/page.en.txt');
    expect(read.format).toBe('txt');
    expect(read.sha256).toBe(createHash('sha256').update(Buffer.from(page, 'utf8')).digest('hex'));
    expect(read.file.value).toBe(page.slice(1));
    expect(read.file.data.bom).toBe(true);
    expect(read.file.path).toBe(`${sources.split(path.sep).join('/')}/pages/z-site/page.en.txt`);

    const tree = parsePage(read.file, 'txt');
    expect(tree.children[0]?.position?.start).toEqual({ line: 1, column: 1, offset: 0 });

    expect(read.metaFile?.path).toBe(`${read.file.path}.meta.yaml`);
    const meta = read.metaFile ? parseSidecarMeta(read.metaFile) : undefined;
    expect(meta).toEqual({ title: 'Harbour group' });
    expect(read.metaFile?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['meta-invalid', 2, 11]]);
  });

  it('has no metaFile without a sidecar, and no bom flag without a BOM', async () => {
    const read = await readPage(sources, 'pages/a-site/Zeta.sv.md');
    expect(read.format).toBe('md');
    expect(read.metaFile).toBeUndefined();
    expect(read.file.data.bom).toBeUndefined();
  });

  it('reports bytes that are not UTF-8', async () => {
    const read = await readPage(sources, 'pages/broken.en.txt');
    expect(read.file.messages).toHaveLength(1);
    expect(read.file.messages[0]).toMatchObject({ ruleId: 'page-encoding', line: 1, column: 2 });
  });

  it('keeps the sources folder as given in the VFile path', async () => {
    const relative = path.relative(process.cwd(), sources);
    const read = await readPage(relative, 'pages/a-site/nested/beta.en.txt');
    expect(read.file.path).toBe(`${relative.split(path.sep).join('/')}/pages/a-site/nested/beta.en.txt`);
  });
});
