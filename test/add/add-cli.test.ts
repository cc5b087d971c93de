// `runAdd` on a temporary sources folder: store a page, refuse it again, store a new version
// beside it, and check that the build keeps both versions and takes the claims from the newer.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runAdd, type AddOptions } from '../../pipeline/cli/add-command.js';
import { runPipeline } from '../../pipeline/cli/pipeline-run.js';
import { InputError } from '../../pipeline/util/errors.js';
import { projectRoot } from '../helpers/pipeline.js';

// A fictional page written for this test; no authority published it.
const page = (members: string, count: string): string => `<!doctype html>
<html lang="en">
<head><title>Harbour crime council
  – Example Port Authority</title></head>
<body>
<nav><a href="/">Home</a></nav>
<main>
<h1>Working together against harbour crime</h1>
<h2>Harbour Crime Council</h2>
<p>The Harbour Crime Council was set up in 2016 to make it harder to move stolen goods through Swedish harbours.</p>
<p>The cooperation is led by the Swedish Police Authority. The other participating authorities are ${members}.</p>
<p>The ${count} authorities meet each spring to compare notes on suspicious shipments.</p>
</main>
</body>
</html>
`;
const first = page('the Swedish Customs and the Swedish Coast Guard', 'three');
const second = page('the Swedish Customs, the Swedish Coast Guard and the Swedish Tax Agency', 'four');
const url = 'https://www.harbour.example/en/working-together/Harbour-Crime-Council.html';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let tmp: string;
let sources: string;
let stderr: string;
let stdout: string;

/** Every file under a folder, relative, sorted: to show that nothing else was written. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

function saved(name: string, text: string | Buffer): string {
  const file = path.join(tmp, 'saved', name);
  writeFileSync(file, text);
  return file;
}

const add = (options: Partial<AddOptions> & { file: string }): Promise<number> => runAdd({ url, sources, retrieved: '2024-03-01', ...options });

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'samverkan-add-'));
  sources = path.join(tmp, 'sources');
  mkdirSync(path.join(tmp, 'saved'));
  mkdirSync(sources);
  cpSync(path.join(projectRoot, 'sources/registry'), path.join(sources, 'registry'), { recursive: true });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

// The cases build on each other: one sources folder, pages added in turn.
describe('runAdd', { timeout: 30_000 }, () => {
  const site = () => path.join(sources, 'pages/harbour.example');

  it('stores a page under pages/<site>/ with a sidecar, creating pages/ when missing', async () => {
    expect(await add({ file: saved('council.html', first), publisher: 'Polismyndigheten' })).toBe(0);
    const stored = path.join(site(), 'harbour-crime-council.en.html');
    expect(stdout).toBe(`${stored}\n`);
    expect(stderr).toBe(`samverkan: stored ${stored} and harbour-crime-council.en.html.meta.yaml (en, retrieved 2024-03-01)\n`);
    expect(readFileSync(stored, 'utf8')).toBe(first);
    expect(readFileSync(`${stored}.meta.yaml`, 'utf8')).toBe(`# Sidecar metadata for the saved page beside it, written by \`samverkan add\` (the page is kept byte-for-byte).
url: ${url}
title: Harbour crime council – Example Port Authority
language: en
publisher: Polismyndigheten
retrieved: 2024-03-01
sha256: ${sha256(first)}
`);
    expect(filesUnder(sources).filter((f) => f.startsWith('pages'))).toEqual(['pages/harbour.example/harbour-crime-council.en.html', 'pages/harbour.example/harbour-crime-council.en.html.meta.yaml']);
  });

  it('refuses the same content again, naming the file that has it, and writes nothing', async () => {
    const before = filesUnder(sources);
    expect(await add({ file: saved('council-again.html', first), url: 'https://harbour.example/en/council', retrieved: '2024-04-01' })).toBe(2);
    expect(stderr).toBe('samverkan: council-again.html: the same content is already stored as pages/harbour.example/harbour-crime-council.en.html (saved from https://www.harbour.example/en/working-together/Harbour-Crime-Council.html); nothing added\n');
    expect(stdout).toBe('');
    expect(filesUnder(sources)).toEqual(before);
  });

  it('stores a changed version beside the first, named by its retrieved date', async () => {
    expect(await add({ file: saved('council-v2.html', second), retrieved: '2024-09-15' })).toBe(0);
    const stored = path.join(site(), 'harbour-crime-council.en.2024-09-15.html');
    expect(stderr).toBe(`samverkan: stored ${stored} and harbour-crime-council.en.2024-09-15.html.meta.yaml (en, retrieved 2024-09-15)
  a new version of pages/harbour.example/harbour-crime-council.en.html (both kept; the build tells them apart by url and retrieved)
`);
    expect(readFileSync(stored, 'utf8')).toBe(second);
    expect(readFileSync(`${stored}.meta.yaml`, 'utf8')).toContain(`retrieved: 2024-09-15\nsha256: ${sha256(second)}\n`);
    expect(readFileSync(path.join(site(), 'harbour-crime-council.en.html'), 'utf8')).toBe(first);
  });

  it('gives the build both versions: one URL, two sources, the older superseded by the newer', async () => {
    const { dataset, skipped, files } = await runPipeline(sources);
    expect(skipped).toEqual([]);
    const older = 'harbour.example/harbour-crime-council.en';
    const newer = 'harbour.example/harbour-crime-council.en.2024-09-15';
    expect(dataset.sources.map(({ id, path: p, url: u, retrieved, language, languageFrom, sha256: hash, supersededBy }) => ({ id, path: p, url: u, retrieved, language, languageFrom, hash, supersededBy }))).toEqual([
      { id: older, path: 'pages/harbour.example/harbour-crime-council.en.html', url, retrieved: '2024-03-01', language: 'en', languageFrom: 'metadata', hash: sha256(first), supersededBy: newer },
      { id: newer, path: 'pages/harbour.example/harbour-crime-council.en.2024-09-15.html', url, retrieved: '2024-09-15', language: 'en', languageFrom: 'metadata', hash: sha256(second), supersededBy: undefined },
    ]);
    expect(dataset.sources[1]).not.toHaveProperty('supersededBy');
    // Only the newer version makes claims: its four participants and its count of four, nothing
    // from the older page's three (so no cross-source disagreement between the two either).
    const council = dataset.forums.find((forum) => forum.name.en === 'Harbour Crime Council');
    expect(council?.sourceIds).toEqual([newer]);
    expect(council?.evidence.map((e) => e.sourceId)).toEqual([newer]);
    expect(dataset.memberships.filter((m) => m.forumId === council?.id).map((m) => [m.authorityId, m.role, m.claims])).toEqual([
      ['polismyndigheten', 'lead', [{ sourceId: newer, role: 'lead', date: '2024-09-15' }]],
      ['kustbevakningen', 'member', [{ sourceId: newer, role: 'member', date: '2024-09-15' }]],
      ['skatteverket', 'member', [{ sourceId: newer, role: 'member', date: '2024-09-15' }]],
      ['tullverket', 'member', [{ sourceId: newer, role: 'member', date: '2024-09-15' }]],
    ]);
    expect(dataset.memberships.flatMap((m) => m.evidence).filter((e) => e.sourceId === older)).toEqual([]);
    expect(dataset.countChecks.map(({ id, sourceId, statedCount, distinctCount, status }) => ({ id, sourceId, statedCount, distinctCount, status }))).toEqual([
      { id: 'harbour-crime-council--members--4', sourceId: newer, statedCount: 4, distinctCount: 4, status: 'consistent' },
    ]);
    expect(dataset.crossSourceChecks).toEqual([]);
    // The council is not in sources/registry/forums.yaml: added, with a warning on the page that names it.
    const warnings = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'forum-not-in-registry').map((m) => [path.basename(f.path), m.reason]));
    expect(warnings).toEqual([['harbour-crime-council.en.2024-09-15.html', 'Unexpected forum `Harbour Crime Council`, expected a forum in sources/registry/forums.yaml: added as `harbour-crime-council`']]);
  });

  it('names a third version of the same day -2', async () => {
    expect(await add({ file: saved('council-v3.html', second.replace('each spring', 'each autumn')), retrieved: '2024-09-15' })).toBe(0);
    expect(existsSync(path.join(site(), 'harbour-crime-council.en.2024-09-15-2.html'))).toBe(true);
    expect(stderr).toContain('  warning: pages/harbour.example/harbour-crime-council.en.2024-09-15.html was retrieved the same day (2024-09-15)');
  });

  it('dates the page today (UTC) when no --retrieved is given', async () => {
    const before = new Date().toISOString().slice(0, 10);
    expect(await runAdd({ file: saved('notes.md', '---\nlanguage: sv\n---\n\nHamnen och polisen träffas varje vecka för att gå igenom läget.\n'), url: 'https://harbour.example/sv/moten', sources })).toBe(0);
    const after = new Date().toISOString().slice(0, 10);
    const sidecar = readFileSync(path.join(site(), 'moten.sv.md.meta.yaml'), 'utf8');
    expect([`retrieved: ${before}`, `retrieved: ${after}`]).toContain(sidecar.split('\n').find((line) => line.startsWith('retrieved: ')));
  });

  it('refuses a URL that is not http(s) with exit 2, writing nothing', async () => {
    const before = filesUnder(sources);
    expect(await add({ file: saved('other.txt', 'The harbour and the police meet each week.\n'), url: 'ftp://harbour.example/other.txt' })).toBe(2);
    expect(stderr).toBe('samverkan: ftp://harbour.example/other.txt: unexpected ftp URL, expected an http or https address\n');
    expect(filesUnder(sources)).toEqual(before);
  });

  it('throws an InputError naming the file for a missing, empty or non-page file, and for a bad date or language', async () => {
    const missing = path.join(tmp, 'saved', 'missing.html');
    await expect(add({ file: missing })).rejects.toThrow(new InputError(`${missing}: cannot read the page (ENOENT)`));
    const empty = saved('empty.txt', '');
    await expect(add({ file: empty })).rejects.toThrow(new InputError(`${empty}: the file is empty`));
    const pdf = saved('report.pdf', '%PDF-1.4');
    await expect(add({ file: pdf })).rejects.toThrow(new InputError(`${pdf}: unexpected file type, expected a saved page ending .html, .md or .txt`));
    const text = saved('fine.txt', 'The harbour and the coast guard share a radio channel.\n');
    await expect(add({ file: text, retrieved: '2024-13-01' })).rejects.toThrow(new InputError(`${text}: unexpected --retrieved 2024-13-01, expected a calendar date as YYYY-MM-DD`));
    await expect(add({ file: text, retrieved: '1 May 2024' })).rejects.toThrow(InputError);
    await expect(add({ file: text, language: 'de' })).rejects.toThrow(new InputError(`${text}: unexpected --language de, expected en or sv`));
    await expect(runAdd({ file: text, sources })).rejects.toThrow(new InputError(`${text}: --url is missing, expected the address the page was saved from`));
  });

  it('does not follow a site folder that is a symlink out of pages/', async () => {
    const outside = path.join(tmp, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, path.join(sources, 'pages/elsewhere.example'));
    const file = saved('away.txt', 'The harbour and the customs office share a list of vessels.\n');
    await expect(add({ file, url: 'https://elsewhere.example/away' })).rejects.toThrow(/elsewhere\.example: leads to .*outside.*, outside .*pages; refusing to write there/);
    expect(readdirSync(outside)).toEqual([]);
  });
});
