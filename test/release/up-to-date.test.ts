// A build whose inputs did not change leaves the release as it is, but only after checking every
// file on disk against what it wrote: a file edited, removed or added by hand means a full write.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
