// A build that computes many pages on the main thread alone starts the table thread before it
// computes them (so that it has loaded by the time the release is written); a build that computes
// few (a rebuild), or computes them with page workers too, does not.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// the compiled build: it reads the package's version relative to its own place under build/
import { runBuild } from '../../build/pipeline/cli/build-command.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

// What the build does with the table thread is counted.
const seen = vi.hoisted(() => ({ started: 0, ready: [] as boolean[], checked: 0, closed: 0 }));
vi.mock('../../build/pipeline/io/table-helper.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../pipeline/io/table-helper.js')>();
  return {
    ...original,
    startTableHelper: () => {
      seen.started++;
      const helper = original.startTableHelper();
      return {
        ...helper,
        ready: async () => {
          const ready = await helper.ready();
          seen.ready.push(ready);
          return ready;
        },
        checked: () => {
          seen.checked++;
          return helper.checked();
        },
        close: () => {
          seen.closed++;
          return helper.close();
        },
      };
    },
  };
});

const saved = { ...process.env };
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-table-early-'));
  await writeCorpus(projectRoot, path.join(work, 'sources'), 30);
});
afterEach(() => {
  process.env = { ...saved };
  Object.assign(seen, { started: 0, ready: [], checked: 0, closed: 0 });
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function build(out: string, workers: number): Promise<Map<string, Buffer>> {
  expect(await runBuild({ sources: path.join(work, 'sources'), out: path.join(work, out), strict: false, force: true, quiet: true, workers })).toBe(0);
  const files = (await readdir(path.join(work, out), { recursive: true })).filter((f) => f.includes('.')).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(work, out, f))] as const)));
}

describe('the table thread started early', () => {
  it('starts before the pages are computed, writes the CSV files and checks the records, and ends with the build', async () => {
    // from any number of pages to compute, never from the number of records alone
    Object.assign(process.env, { SAMVERKAN_CACHE: 'off', SAMVERKAN_TABLE_THREAD_PAGES: '0', SAMVERKAN_TABLE_THREAD_RECORDS: '1000000000' });
    const two = await build('two', 2);
    expect(seen).toEqual({ started: 1, ready: [true], checked: 1, closed: 1 });
    Object.assign(seen, { started: 0, ready: [], checked: 0, closed: 0 });
    const one = await build('one', 1);
    expect(seen.started).toBe(0);
    expect([...two.keys()]).toEqual([...one.keys()]);
    expect([...two.keys()]).toContain('data/excel/memberships.csv');
    for (const [file, bytes] of one) expect(Buffer.compare(bytes, two.get(file) as Buffer), file).toBe(0);
  });

  it('is not started early when page workers compute the pages beside this thread', async () => {
    Object.assign(process.env, { SAMVERKAN_CACHE: 'off', SAMVERKAN_WORKER_THRESHOLD: '0', SAMVERKAN_TABLE_THREAD_PAGES: '0', SAMVERKAN_TABLE_THREAD_RECORDS: '1000000000' });
    const files = await build('with-workers', 2);
    expect(files.get('data/memberships.csv')?.length).toBeGreaterThan(1000);
    expect(seen.started).toBe(0);
  });

  it('is not started by a rebuild that computes fewer pages than the threshold, nor by a small build', async () => {
    Object.assign(process.env, { SAMVERKAN_CACHE: path.join(work, 'cache'), SAMVERKAN_TABLE_THREAD_PAGES: '10', SAMVERKAN_TABLE_THREAD_RECORDS: '1000000000' });
    await build('cached', 2); // 30 pages to compute
    expect(seen.started).toBe(1);
    const page = path.join(work, 'sources', 'pages', (await readdir(path.join(work, 'sources', 'pages'), { recursive: true })).filter((f) => f.endsWith('.md'))[0] as string);
    await writeFile(page, `${await readFile(page, 'utf8')}\n\nThe Quayside Group is led by the Swedish Customs.\n`);
    await build('cached', 2); // one page to compute
    expect(seen.started).toBe(1);
    process.env.SAMVERKAN_TABLE_THREAD_PAGES = '31';
    process.env.SAMVERKAN_CACHE = 'off';
    await build('small', 2); // 30 pages to compute, below 31
    expect(seen).toEqual({ started: 1, ready: [true], checked: 1, closed: 1 });
  });
});
