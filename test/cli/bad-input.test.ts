// Bad input through the compiled CLI, as a user meets it: one bad page of each kind beside the
// project's own sources. `make test` compiles first (npx tsc -p .).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeAt } from '../../pipeline/io/inspect-bytes.js';
import { cli, main, noStackTrace } from '../helpers/cli.js';
import { projectRoot } from '../helpers/pipeline.js';

const TIMEOUT = 60_000;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

const seedForums = [
  'collaboration-for-better-detection-of-violence',
  'cooperation-to-detect-war-crimes',
  'counter-terrorism-cooperation-council',
  'joint-operations-by-authorities-in-sweden-to-combat-organised-crime',
  'mur-initiative',
  'national-method-support-against-prostitution-and-human-trafficking',
];

// Our own words about made-up forums, with names the registry knows.
const swedishText =
  'Samverkansgruppen mot miljöbrott i Östersjön\n\nSamverkansgruppen mot miljöbrott i Östersjön är ett forum för samverkan mellan fyra myndigheter. ' +
  'Gruppen bildades 2018 och leds av Ekobrottsmyndigheten. Övriga myndigheter är Kriminalvården, Åklagarmyndigheten och Skatteverket.\n\n' +
  'Gruppen träffas två gånger om året på Gotland.\n';
const crlfText =
  'Harbour Crime Council\r\n\r\nThe Harbour Crime Council is a forum for cooperation among three authorities. ' +
  'The council was started in 2014 and is led by the Swedish Coast Guard. The other authorities are the Swedish Customs and the Swedish Police Authority.\r\n\r\n' +
  'The council meets in Gothenburg.\r\n';

let tmp: string;
let sources: string;
/** the bad files, relative to sources/, with the rule each breaks */
const bad: [string, string][] = [
  ['pages/bad.example/empty.en.txt', 'page-empty'],
  ['pages/bad.example/blank.en.md', 'page-empty'],
  ['pages/bad.example/report.en.html', 'page-binary'],
  ['pages/bad.example/photo.sv.txt', 'page-binary'],
  ['pages/bad.example/mixed.sv.txt', 'page-encoding'],
  ['pages/bad.example/huge.en.txt', 'page-too-large'],
  ['pages/bad.example/minutes.docx', 'page-unknown-type'],
  ['pages/bad.example/folder.en.txt', 'page-unreadable'],
  ['pages/bad.example/dangling.en.txt', 'page-unreadable'],
  ['pages/bad.example/escape.en.txt', 'page-outside-sources'],
  ['pages/bad.example/sidecar-escape.en.txt', 'page-outside-sources'],
];
const pathOf = (rel: string) => path.join(sources, rel);

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: compile first (make compile, or npx tsc -p .)`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'samverkan-bad-input-cli-'));
  sources = path.join(tmp, 'sources');
  await cp(path.join(projectRoot, 'sources'), sources, { recursive: true });
  const dir = path.join(sources, 'pages/bad.example');
  await mkdir(dir, { recursive: true });
  const put = (name: string, content: string | Uint8Array) => writeFile(path.join(dir, name), content);
  await put('empty.en.txt', '');
  await put('blank.en.md', ' \n\t\r\n');
  await put('report.en.html', Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n')]));
  await put('photo.sv.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  // valid UTF-8 (å) and then a lone Latin-1 ö (0xF6) on line 3, column 5: neither reading is right
  await put('mixed.sv.txt', Buffer.concat([Buffer.from('Rådet\n\nVi m', 'utf8'), Buffer.from([0xf6]), Buffer.from('ts\n')]));
  await put('huge.en.txt', '');
  await truncate(path.join(dir, 'huge.en.txt'), 20 * 1024 * 1024 + 1); // sparse: nothing is written
  await put('minutes.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]));
  await mkdir(path.join(dir, 'folder.en.txt'));
  await symlink('gone.en.txt', path.join(dir, 'dangling.en.txt'));
  await writeFile(path.join(tmp, 'secret.txt'), 'Outside the sources.\n');
  await symlink(path.join(tmp, 'secret.txt'), path.join(dir, 'escape.en.txt'));
  await put('sidecar-escape.en.txt', 'A page whose metadata file is a link out of the sources.\n');
  await symlink(path.join(tmp, 'secret.txt'), path.join(dir, 'sidecar-escape.en.txt.meta.yaml'));
  // good pages with hard bytes: Windows-1252 Swedish, and UTF-8 with BOM and CRLF
  await put('miljo.sv.txt', Buffer.from(swedishText, 'latin1'));
  await put('miljo.sv.txt.meta.yaml', 'url: https://example.org/sv/miljobrott\nlanguage: sv\ntitle: Miljöbrott i Östersjön\n');
  await put('harbour.en.txt', `\uFEFF${crlfText}`);
  await put('harbour.en.txt.meta.yaml', 'url: https://example.org/en/harbour\nlanguage: en\n');
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface EvidenceJson {
  sourceId: string;
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
  quote: string;
}

describe('build with bad pages beside good ones', () => {
  it('exits 0, builds every good page and lists each skipped file with its path, rule and reason', async () => {
    const out = path.join(tmp, 'dist');
    const run = await cli('build', '--sources', sources, '--out', out);
    expect(run.code).toBe(0);
    noStackTrace(run.stderr);
    expect(run.stderr).toContain(`wrote ${out}/ from 3 page(s)`);
    expect(run.stderr).toContain(`  ${bad.length} file(s) under pages/ skipped, not in the dataset:`);
    for (const [rel, rule] of bad) expect(run.stderr).toMatch(new RegExp(`^  skipped: ${escape(pathOf(rel))}  ${rule}  (its metadata file \\S+: )?Unexpected .+$`, 'mu'));
    expect(run.stderr.split('\n').filter((l) => l.startsWith('  skipped: '))).toHaveLength(bad.length);
    expect(run.stderr).toContain('it looks like a PDF');
    expect(run.stderr).toContain('it looks like a PNG image');
    expect(run.stderr).toContain('Unexpected byte 0xF6 at byte 12');
    expect(run.stderr).toContain('Unexpected file of 20.0 MB (20971521 bytes), expected at most 20.0 MB');
    expect(run.stderr).toContain('Unexpected file type `.docx` under pages/');
    expect(run.stderr).toContain('Unexpected folder named like a page, expected a file');
    expect(run.stderr).toContain('Unexpected link to `gone.en.txt`, which cannot be followed (ENOENT');
    expect(run.stderr).toContain(`its metadata file sidecar-escape.en.txt.meta.yaml: Unexpected link to ${path.join(tmp, 'secret.txt')}, outside the sources folder`);

    const forums = JSON.parse(await readFile(path.join(out, 'data/forums.json'), 'utf8')) as { id: string; name: { sv?: string } }[];
    expect(forums.map((f) => f.id)).toEqual(expect.arrayContaining([...seedForums, 'samverkansgruppen-mot-miljobrott-i-ostersjon', 'harbour-crime-council']));
    expect(forums).toHaveLength(seedForums.length + 2);
    expect(forums.find((f) => f.id === 'samverkansgruppen-mot-miljobrott-i-ostersjon')?.name.sv).toBe('Samverkansgruppen mot miljöbrott i Östersjön');

    const sourcesJson = JSON.parse(await readFile(path.join(out, 'data/sources.json'), 'utf8')) as { id: string; path: string }[];
    expect(sourcesJson.map((s) => s.path).sort()).toEqual(['pages/bad.example/harbour.en.txt', 'pages/bad.example/miljo.sv.txt', 'pages/migrationsverket.se/collaboration-against-crime.en.txt']);

    // evidence from the Windows-1252 page and the BOM + CRLF page is the decoded text at its place
    const texts = new Map([
      ['bad.example/miljo.sv', swedishText],
      ['bad.example/harbour.en', crlfText],
    ]);
    const memberships = JSON.parse(await readFile(path.join(out, 'data/memberships.json'), 'utf8')) as { forumId: string; authorityId: string; role: string; evidence: EvidenceJson[] }[];
    const ours = memberships.filter((m) => m.forumId === 'samverkansgruppen-mot-miljobrott-i-ostersjon');
    expect(ours.map((m) => `${m.authorityId} ${m.role}`).sort()).toEqual(['aklagarmyndigheten member', 'ekobrottsmyndigheten lead', 'kriminalvarden member', 'skatteverket member']);
    const evidence = memberships.flatMap((m) => m.evidence).filter((e) => texts.has(e.sourceId));
    expect(evidence.length).toBeGreaterThanOrEqual(7);
    expect(evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['Åklagarmyndigheten', 'Kriminalvården', 'Swedish Coast Guard']));
    for (const e of evidence) {
      const text = texts.get(e.sourceId) as string;
      expect(text.slice(e.start.offset, e.end.offset)).toBe(e.quote);
      expect(placeAt(text, e.start.offset)).toEqual(e.start);
      expect(placeAt(text, e.end.offset)).toEqual(e.end);
    }
  }, TIMEOUT);

  it('--strict exits 2, says why and writes nothing', async () => {
    const out = path.join(tmp, 'strict-dist');
    const run = await cli('build', '--sources', sources, '--out', out, '--strict', '--quiet');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`samverkan: ${bad.length} file(s) under pages/ cannot be used; with --strict nothing is written (exit 2)`);
    for (const [rel] of bad) expect(run.stderr).toContain(`  skipped: ${pathOf(rel)}  `);
    noStackTrace(run.stderr);
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);

  it('--max-size lowers the limit; a value that is not a size is a usage error', async () => {
    const run = await cli('check', '--sources', sources, '--max-size', '2KB');
    const seed = pathOf('pages/migrationsverket.se/collaboration-against-crime.en.txt');
    expect(run.stdout).toMatch(new RegExp(`^${escape(seed)}  page-too-large  Unexpected file of 8\\.\\d KB \\(\\d+ bytes\\), expected at most 2\\.0 KB \\(--max-size\\): not read$`, 'mu'));
    const refused = await cli('build', '--sources', sources, '--out', path.join(tmp, 'never'), '--max-size', 'big');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('samverkan: unexpected --max-size big, expected a number of bytes, or one with KB, MB or GB (such as 20MB)\n');
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
  }, TIMEOUT);

  it('refuses to write an empty release when every page is skipped', async () => {
    const out = path.join(tmp, 'empty-dist');
    const run = await cli('build', '--sources', sources, '--out', out, '--max-size', '10');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^samverkan: none of the \d+ file\(s\) under pages\/ can be used; nothing is written \(exit 2\)$/mu);
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);
});

describe('check with bad pages', () => {
  it('prints each problem as `path:line:col  rule-id  message`, or the path alone without a place, and exits 2', async () => {
    const run = await cli('check', '--sources', sources);
    expect(run.code).toBe(2);
    noStackTrace(run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    for (const [rel, rule] of bad) {
      const place = rule === 'page-encoding' ? ':3:5' : '';
      const file = rel.endsWith('sidecar-escape.en.txt') ? `${rel}.meta.yaml` : rel;
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(pathOf(file))}${place}  ${rule}  Unexpected `, 'u')));
    }
    // the Windows-1252 page is read, with a warning where its first such byte is
    const latin1 = `${pathOf('pages/bad.example/miljo.sv.txt')}:1:${swedishText.indexOf('ö') + 1}  page-encoding-latin1  Unexpected Windows-1252 (Latin-1) text, expected UTF-8: read as Windows-1252`;
    expect(lines).toContainEqual(expect.stringContaining(latin1));
    expect(lines.filter((l) => l !== '').at(-1)).toMatch(new RegExp(`; ${bad.length} file\\(s\\) under pages/ skipped$`, 'u'));
  }, TIMEOUT);

  it('--format json marks the skips as fatal', async () => {
    const run = await cli('check', '--sources', sources, '--format', 'json');
    expect(run.code).toBe(2);
    const files = JSON.parse(run.stdout) as { path: string; messages: { ruleId: string; fatal: boolean; file: string }[] }[];
    const empty = files.find((f) => f.path === pathOf('pages/bad.example/empty.en.txt'));
    expect(empty?.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['page-empty', true]]);
  }, TIMEOUT);
});

describe('unusable input stops the whole run with exit 2, file and line, and no stack trace unless --debug', () => {
  it('a malformed registry/authorities.json names the file and the line', async () => {
    const broken = path.join(tmp, 'broken-registry');
    await cp(path.join(projectRoot, 'sources'), broken, { recursive: true });
    const file = path.join(broken, 'registry/authorities.json');
    await writeFile(file, '{\n  "authorities": [\n    { "id": "a", }\n  ]\n}\n');
    const run = await cli('check', '--sources', broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^samverkan: ${escape(file)}:3: malformed JSON`, 'u'));
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);

    const debug = await cli('check', '--sources', broken, '--debug');
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
  }, TIMEOUT);

  it('a malformed publication.yaml names the file, line and column, and writes nothing', async () => {
    const broken = path.join(tmp, 'broken-publication');
    await cp(path.join(projectRoot, 'sources'), broken, { recursive: true });
    const file = path.join(broken, 'publication.yaml');
    await writeFile(file, 'baseIri: https://example.org/id/\nname: [unclosed\n');
    const out = path.join(tmp, 'never-publication');
    const run = await cli('build', '--sources', broken, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^samverkan: ${escape(file)}:\\d+:\\d+: malformed YAML`, 'u'));
    noStackTrace(run.stderr);
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);

  it('a sources folder that does not exist is named', async () => {
    const missing = path.join(tmp, 'no-such-sources');
    const run = await cli('build', '--sources', missing, '--out', path.join(tmp, 'never-missing'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`samverkan: ${missing}: the sources folder does not exist (expected pages/ and registry/ in it)\n`);
  }, TIMEOUT);
});
