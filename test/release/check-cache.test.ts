// `samverkan check` uses the page cache as build does: a check after a build or another check
// reads the unchanged pages' results from the cache, and prints exactly what a check without a
// cache prints, in every format, with the same exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { main } from '../helpers/cli.js';
import { projectRoot } from '../helpers/pipeline.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'samverkan-check-cache-'));
const sources = path.join(work, 'sources');
const cacheDir = path.join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await writeCorpus(projectRoot, sources, 12);
  writeFileSync(path.join(sources, 'pages', 'notes.docx'), 'not a page'); // a skipped file: exit 2
});

function run(cache: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args, '--sources', sources], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, SAMVERKAN_CACHE: cache } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
  });
}
const entries = () => readdirSync(cacheDir).filter((f) => f.endsWith('.entry')).sort();
/** Each entry's inode: an entry written again (as a page computed again would be) is a new file. */
const inodes = (names: string[]) => names.map((name) => statSync(path.join(cacheDir, name)).ino);

describe('check with the page cache', () => {
  it('fills the cache on the first check and prints what a check without a cache prints', async () => {
    const without = await run('off', 'check');
    expect(without.code).toBe(2);
    expect(without.stdout).toMatch(/\d+ count checks: /u);
    expect(await run(cacheDir, 'check')).toEqual(without);
    expect(entries()).toHaveLength(12); // one per page, none for the skipped file
  });

  it('reads the pages from the cache the next time, computes none, and prints the same in every format', async () => {
    const before = entries();
    const files = inodes(before);
    const daysAgo = (Date.now() - 3 * 24 * 3600 * 1000) / 1000;
    for (const entry of before) utimesSync(path.join(cacheDir, entry), daysAgo, daysAgo);
    for (const format of ['text', 'json', 'sarif', 'stylish']) {
      const without = await run('off', 'check', '--format', format);
      expect(await run(cacheDir, 'check', '--format', format), format).toEqual(without);
    }
    expect(entries()).toEqual(before); // nothing computed and added
    expect(inodes(before)).toEqual(files); // nor written again
    // each entry was read: reading one last used days ago marks it used now
    for (const entry of before) expect(Date.now() - statSync(path.join(cacheDir, entry)).mtimeMs).toBeLessThan(3600 * 1000);
  });

  it('shares the cache with build: a build after the check computes no page', async () => {
    const before = entries();
    const files = inodes(before);
    await run(cacheDir, 'build', '--out', path.join(work, 'dist'), '--quiet');
    expect(inodes(before)).toEqual(files);
    const added = entries().filter((e) => !before.includes(e));
    // what a build adds beside the pages: the release's own entry, and the types it may compile
    expect(added.length).toBeLessThanOrEqual(2);
    expect(entries().filter((e) => before.includes(e))).toEqual(before);
  });
});
