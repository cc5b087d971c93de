// The CLI users run (package.json's bin, `make`) is the bundle in build/bundle/cli/; the modules
// tsc writes (build/pipeline/) are what the benchmark and the unit tests load. Both must make the
// same release, byte for byte, worker threads and the table thread included.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTableHelper } from '../../pipeline/io/table-helper.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

const bundled = path.join(projectRoot, 'build/bundle/cli/main.js');
const modules = path.join(projectRoot, 'build/pipeline/cli/main.js');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-bundle-'));
  await writeCorpus(projectRoot, path.join(work, 'sources'), 24);
});
afterAll(() => rm(work, { recursive: true, force: true }));

// thresholds at 0: both kinds of thread work for these few pages
const env = { ...process.env, SAMVERKAN_CACHE: 'off', SAMVERKAN_WORKER_THRESHOLD: '0', SAMVERKAN_TABLE_THREAD_RECORDS: '0' };
const build = (cli: string, out: string) => execFileSync(process.execPath, [cli, 'build', '--sources', path.join(work, 'sources'), '--out', out, '--workers', '2', '--quiet'], { env });

describe('the bundled CLI', () => {
  it('is what package.json runs, with its worker thread beside it', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
    expect(path.join(projectRoot, pkg.bin.samverkan as string)).toBe(bundled);
    expect(existsSync(path.join(path.dirname(bundled), 'page-worker.js'))).toBe(true);
    expect(existsSync(path.join(path.dirname(bundled), 'table-worker.js'))).toBe(true);
    expect(execFileSync(process.execPath, [bundled, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it('has a table thread that loads (a build whose table thread cannot start makes the CSV files in its main thread)', async () => {
    const helper = startTableHelper(pathToFileURL(path.join(path.dirname(bundled), 'table-worker.js')));
    try {
      expect(await helper.ready()).toBe(true);
    } finally {
      await helper.close();
    }
  });

  it('makes the release the compiled modules make, byte for byte', async () => {
    build(bundled, path.join(work, 'bundled'));
    build(modules, path.join(work, 'modules'));
    const files = (await readdir(path.join(work, 'modules'), { recursive: true })).sort();
    expect(files).toContain('catalog.rdf');
    expect(files).toContain('types/index.d.ts');
    expect((await readdir(path.join(work, 'bundled'), { recursive: true })).sort()).toEqual(files);
    for (const f of files) {
      const a = await readFile(path.join(work, 'bundled', f)).catch(() => undefined);
      const b = await readFile(path.join(work, 'modules', f)).catch(() => undefined);
      if (a === undefined && b === undefined) continue; // a folder
      expect(a && b && Buffer.compare(a, b), f).toBe(0);
    }
  });
});
