// Parallel builds: parsing and extraction in worker threads, and the records checked and the CSV
// files made on a second thread, give byte for byte the release and the messages of a build in one thread.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

const cli = path.join(projectRoot, 'build/bundle/cli/main.js');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-workers-'));
  await writeCorpus(projectRoot, path.join(work, 'sources'), 40);
});
afterAll(() => rm(work, { recursive: true, force: true }));

function build(out: string, workers: number): string {
  // thresholds at 0: the build of two threads uses both kinds of thread for these few pages
  const env = { ...process.env, SAMVERKAN_CACHE: 'off', SAMVERKAN_WORKER_THRESHOLD: '0', SAMVERKAN_TABLE_THREAD_RECORDS: '0' };
  execFileSync(process.execPath, [cli, 'build', '--sources', path.join(work, 'sources'), '--out', out, '--workers', String(workers), '--quiet'], { env });
  return spawnSync(process.execPath, [cli, 'check', '--sources', path.join(work, 'sources')], { env, encoding: 'utf8' }).stdout;
}

describe('worker threads', () => {
  it('give the same release as one thread', async () => {
    const oneCheck = build(path.join(work, 'one'), 1);
    build(path.join(work, 'two'), 2);
    const files = (await readdir(path.join(work, 'one'), { recursive: true })).sort();
    expect(files.length).toBeGreaterThan(20);
    expect((await readdir(path.join(work, 'two'), { recursive: true })).sort()).toEqual(files);
    for (const f of files) {
      if (f.endsWith('/') || !f.includes('.')) continue;
      const a = await readFile(path.join(work, 'one', f)).catch(() => undefined);
      const b = await readFile(path.join(work, 'two', f)).catch(() => undefined);
      expect(a && b && Buffer.compare(a, b), f).toBe(0);
    }
    expect(oneCheck).toContain('count checks');
  });
});
