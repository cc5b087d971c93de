// A build whose inputs did not change leaves the release as it is, but only after checking every
// file on disk against what it wrote: a file edited, removed or added by hand means a full write.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../helpers/cli.js';
import { projectRoot } from '../helpers/pipeline.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'samverkan-up-to-date-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = path.join(work, 'dist');
const env = { ...process.env, SAMVERKAN_CACHE: path.join(work, 'cache') };

function build(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [main, 'build', '--out', out], { cwd: projectRoot, env, encoding: 'utf8' }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stderr)));
  });
}

/** Every file of the release with its bytes, by relative path. */
function release(): Map<string, string> {
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(files.map((e) => path.relative(out, path.join(e.parentPath, e.name))).sort().map((rel) => [rel, readFileSync(path.join(out, rel), 'latin1')]));
}

describe('a build with nothing changed', () => {
  let first: Map<string, string>;

  it('writes the release the first time and leaves it alone the second', async () => {
    expect(await build()).toContain(`wrote ${out}/ from 1 page(s)`);
    // written while the release was made, and all there when the build ended: the page's result and what the release holds
    expect(readdirSync(path.join(work, 'cache')).filter((f) => f.endsWith('.entry'))).toHaveLength(2);
    expect(readdirSync(path.join(work, 'cache')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    first = release();
    expect(first.size).toBeGreaterThan(20);
    const beside = readdirSync(work).sort();
    const folder = statSync(out).ino; // a write swaps in a new folder
    expect(await build()).toContain(`${out}/ is up to date, as built from 1 page(s)`);
    expect(release()).toEqual(first);
    expect(readdirSync(work).sort()).toEqual(beside);
    expect(statSync(out).ino).toBe(folder);
  });

  it('writes again when a file was edited by hand, and puts it right', async () => {
    writeFileSync(path.join(out, 'index.html'), 'edited by hand\n');
    const folder = statSync(out).ino;
    expect(await build()).toContain(`wrote ${out}/`);
    expect(statSync(out).ino).not.toBe(folder);
    expect(release()).toEqual(first);
  });

  it('writes again when a file was removed or added', async () => {
    unlinkSync(path.join(out, 'data/forums.csv'));
    expect(await build()).toContain(`wrote ${out}/`);
    expect(release()).toEqual(first);
    writeFileSync(path.join(out, 'data/extra.csv'), 'a,b\r\n');
    expect(await build()).toContain(`wrote ${out}/`);
    expect(release()).toEqual(first);
    expect(await build()).toContain('is up to date');
  });
});

describe('a build that finds its release current', () => {
  const sources = path.join(work, 'sources-copy');
  const copyOut = path.join(work, 'dist-copy');
  const copyEnv = { ...env, SAMVERKAN_CACHE: path.join(work, 'cache-copy') };
  const run = (...args: string[]): Promise<{ code: number; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [main, 'build', '--sources', sources, '--out', copyOut, ...args], { cwd: projectRoot, env: copyEnv, encoding: 'utf8' }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
    });
  const cacheEntries = () => readdirSync(copyEnv.SAMVERKAN_CACHE).filter((f) => f.endsWith('.entry'));

  it('says again, without assembling, what the build that wrote it said: counts, failed checks, skipped files', async () => {
    cpSync(path.join(projectRoot, 'sources'), sources, { recursive: true });
    writeFileSync(path.join(sources, 'pages', 'notes.docx'), 'not a page');
    // what earlier builds left: an entry nobody used for a month, a half-written one from a stopped build
    mkdirSync(copyEnv.SAMVERKAN_CACHE, { recursive: true });
    const monthAgo = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    for (const name of ['0123.entry', '4567.entry.beef.tmp']) {
      writeFileSync(path.join(copyEnv.SAMVERKAN_CACHE, name), 'left behind');
      utimesSync(path.join(copyEnv.SAMVERKAN_CACHE, name), monthAgo, monthAgo);
    }
    const wrote = await run();
    expect(readdirSync(copyEnv.SAMVERKAN_CACHE).filter((f) => f.startsWith('0123') || f.startsWith('4567'))).toEqual([]);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr).toContain(`wrote ${copyOut}/ from `);
    expect(wrote.stderr).toContain('  failed: ');
    expect(wrote.stderr).toContain(`  skipped: ${sources}/pages/notes.docx`);
    // the page results in the cache are not needed again: without them the release is still found current
    const releaseEntry = `${createHash('sha256').update(`release-of:${path.resolve(copyOut)}`).digest('hex')}.entry`;
    expect(cacheEntries()).toContain(releaseEntry);
    expect(cacheEntries().length).toBeGreaterThan(1);
    for (const entry of cacheEntries()) if (entry !== releaseEntry) unlinkSync(path.join(copyEnv.SAMVERKAN_CACHE, entry));
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(wrote.stderr.replace(`wrote ${copyOut}/ from`, `${copyOut}/ is up to date, as built from`));
    expect(cacheEntries()).toEqual([releaseEntry]); // nothing computed, nothing added
  });

  it('fails with --strict as the build that wrote it would: exit 2 for a skipped file, 1 for a failed count check', async () => {
    const skipped = await run('--strict');
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toContain('cannot be used; with --strict nothing is written (exit 2)');
    unlinkSync(path.join(sources, 'pages', 'notes.docx'));
    expect((await run()).stderr).toContain(`wrote ${copyOut}/`);
    const failed = await run('--strict');
    expect(failed.stderr).toContain(`${copyOut}/ is up to date, as built`);
    expect(failed.code).toBe(1);
  });

  it("keeps the entries of its own pages however long it has not read them, and reads none of them when nothing changed", async () => {
    const cacheDir = copyEnv.SAMVERKAN_CACHE;
    const before = cacheEntries().sort();
    expect(before.length).toBeGreaterThanOrEqual(2); // the page's and the release's
    const monthAgo = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    for (const entry of before) utimesSync(path.join(cacheDir, entry), monthAgo, monthAgo);
    unlinkSync(path.join(cacheDir, 'pruned.stamp')); // as on the next day
    const again = await run();
    expect(again.stderr).toContain(`${copyOut}/ is up to date, as built`);
    expect(cacheEntries().sort()).toEqual(before);
    // only the release's own entry was read (and so marked used); the pages' were kept, not read
    const fresh = before.filter((entry) => Date.now() - statSync(path.join(cacheDir, entry)).mtimeMs < 3600 * 1000);
    expect(fresh).toEqual([`${createHash('sha256').update(`release-of:${path.resolve(copyOut)}`).digest('hex')}.entry`]);
  });

  it('does not trust a remembered summary that does not read as one: it builds, finds the release current and says so', async () => {
    const cacheDir = copyEnv.SAMVERKAN_CACHE;
    // every entry that holds a summary gets a broken one (its integrity kept: the cache would refuse it otherwise)
    const { directoryCache } = await import('../../pipeline/io/cache.js');
    const cache = directoryCache(cacheDir);
    const key = `release-of:${path.resolve(copyOut)}`;
    const remembered = JSON.parse((await cache.get(key)) as string) as { summary: { pages: unknown } };
    remembered.summary.pages = 'many';
    await cache.set(key, JSON.stringify(remembered));
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`^samverkan: ${copyOut.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}/ is up to date, as built from \\d+ page`, 'u'));
    // and the summary is whole again
    expect((JSON.parse((await cache.get(key)) as string) as { summary: { pages: unknown } }).summary.pages).toEqual(expect.any(Number));
  });
});
