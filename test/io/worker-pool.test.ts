// Parallel builds (pipeline/io/worker-pool.ts, page-worker.ts): this thread and a worker claim
// batches of pages from one queue, and the release and every message are those of a build in one
// thread: also when the worker drops pages, crashes, starts late or read another registry.
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { runPipeline, type RunOptions } from '../../pipeline/cli/pipeline-run.js';
import { directoryCache } from '../../pipeline/io/cache.js';
import type { ComputedPage } from '../../pipeline/io/worker-pool.js';
import { readPublicationConfig } from '../../pipeline/io/read-registry.js';
import { publishRelease } from '../../pipeline/publish/publish.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

// vitest runs the TypeScript, a worker thread needs JavaScript: the pool is given the compiled
// worker (or one with a fault in front of it), and its answers are kept to see who computed what.
const pool = vi.hoisted(() => ({ script: '', waitForWorker: true, answers: [] as (ComputedPage | undefined)[][], started: 0 }));
vi.mock('../../pipeline/io/worker-pool.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../pipeline/io/worker-pool.js')>();
  return {
    ...original,
    startPagePool: (sourcesDir: string, threads: number) => {
      pool.started++;
      const started = original.startPagePool(sourcesDir, threads, new URL(pool.script, import.meta.url));
      return {
        ...started,
        async compute(...args: Parameters<typeof started.compute>) {
          // The worker takes part only if it has loaded before this thread is done with 40 pages.
          if (pool.waitForWorker) await started.ready;
          const answer = await started.compute(...args);
          pool.answers.push(answer);
          return answer;
        },
      };
    },
  };
});

const compiledWorker = '../../build/pipeline/io/page-worker.js';
const faultyWorker = './page-worker-fault.mjs';

let work: string;
let sources: string;
let oneThread: Awaited<ReturnType<typeof release>>;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-worker-pool-'));
  sources = path.join(work, 'sources');
  await writeCorpus(projectRoot, sources, 40);
  // Pages the faulty worker drops or crashes on (a third each), a page that cannot be read, and
  // an older version of a page that a newer one supersedes.
  let n = 0;
  for (const siteName of (await readdir(path.join(sources, 'pages'))).sort()) {
    const dir = path.join(sources, 'pages', siteName);
    for (const name of (await readdir(dir)).filter((f) => !f.endsWith('.meta.yaml')).sort()) {
      const prefix = ['drop-', 'crash-', ''][n++ % 3] as string;
      await rename(path.join(dir, name), path.join(dir, prefix + name));
      await rename(path.join(dir, `${name}.meta.yaml`), path.join(dir, `${prefix}${name}.meta.yaml`)).catch(() => undefined);
    }
  }
  const site = path.join(sources, 'pages/site-1.example');
  await writeFile(path.join(site, 'empty.en.txt'), '');
  const older = (await readdir(site)).find((n) => n.endsWith('.txt.meta.yaml')) as string;
  await cp(path.join(site, older.replace(/\.meta\.yaml$/u, '')), path.join(site, `older-${older.replace(/\.meta\.yaml$/u, '')}`));
  await writeFile(path.join(site, `older-${older}`), `${await readFile(path.join(site, older), 'utf8')}retrieved: 2020-01-01\n`);
  await writeFile(path.join(site, older), `${await readFile(path.join(site, older), 'utf8')}retrieved: 2024-01-01\n`);
  oneThread = await release({});
});
afterAll(() => rm(work, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.PAGE_WORKER_FAULT;
  delete process.env.PAGE_WORKER_SOURCES;
  pool.answers = [];
  pool.started = 0;
  pool.waitForWorker = true;
});

/** Every message as `check` shows it and as the release counts it, in the files' order. */
const described = (m: VFileMessage) => JSON.stringify([m.file, m.place, m.ruleId, m.source, m.fatal, m.reason, m.actual, m.expected, m.url, m.cause instanceof Error ? m.cause.message : m.cause]);

async function release(options: RunOptions, from = sources) {
  const result = await runPipeline(from, options);
  return {
    files: await publishRelease(result.dataset, await readPublicationConfig(from), '0.0.0-test'),
    messages: result.files.map((f) => [f.path, ...f.messages.map(described)]),
    texts: result.files.map((f) => f.value),
    skipped: result.skipped,
  };
}

function expectOneThreadsRelease(parallel: Awaited<ReturnType<typeof release>>): void {
  expect(parallel.skipped).toEqual(oneThread.skipped);
  expect(parallel.messages).toEqual(oneThread.messages);
  // every page's VFile has its text back, as read (in the pool it is lent to a buffer the threads share)
  expect(parallel.texts).toEqual(oneThread.texts);
  expect([...parallel.files.keys()]).toEqual([...oneThread.files.keys()]);
  for (const [name, bytes] of oneThread.files) expect(Buffer.from(parallel.files.get(name) ?? []).equals(Buffer.from(bytes)), name).toBe(true);
}

/** Who computed what: `worker` (sent as text), `here` (this thread), `missing` (left to buildDataset). */
function computedBy(answer: readonly (ComputedPage | undefined)[] | undefined) {
  const pages = answer ? Array.from(answer, (a) => (a === undefined ? 'missing' : a.byWorker ? 'worker' : 'here')) : [];
  return { worker: pages.filter((p) => p === 'worker').length, here: pages.filter((p) => p === 'here').length, missing: pages.filter((p) => p === 'missing').length };
}

const parallel = { workers: 2, workerThreshold: 0 };

describe('a parallel build (this thread and a worker)', () => {
  it('gives the release and messages of one thread, with both threads computing pages', async () => {
    pool.script = compiledWorker;
    expect(oneThread.skipped.map((s) => s.ruleId)).toEqual(['page-empty']);
    expect(oneThread.files.size).toBeGreaterThan(20);
    // texts a byte a character and texts beyond Latin-1 both go through the shared buffer
    expect(oneThread.texts.some((text) => typeof text === 'string' && /[^\u0000-\u00ff]/u.test(text))).toBe(true);
    expect(oneThread.texts.some((text) => typeof text === 'string' && text.length > 0 && !/[^\u0000-\u00ff]/u.test(text))).toBe(true);
    expectOneThreadsRelease(await release(parallel));
    const by = computedBy(pool.answers[0]);
    expect(by.worker).toBeGreaterThan(0);
    expect(by.here).toBeGreaterThan(0);
    expect(by.missing).toBe(0);
    expect(by.worker + by.here).toBe(41);
  });

  it('computes again, in this thread, the pages the worker failed on, and reports them the same way', async () => {
    pool.script = faultyWorker;
    process.env.PAGE_WORKER_FAULT = 'drop';
    expectOneThreadsRelease(await release(parallel));
    const by = computedBy(pool.answers[0]);
    expect(by.missing).toBeGreaterThan(0);
    expect(by.worker).toBeGreaterThan(0);
  });

  it('goes on without a worker that crashed: the batch it held is computed here', async () => {
    pool.script = faultyWorker;
    process.env.PAGE_WORKER_FAULT = 'crash';
    expectOneThreadsRelease(await release(parallel));
    const by = computedBy(pool.answers[0]);
    expect(by.missing).toBeGreaterThan(0);
    expect(by.here).toBeGreaterThan(by.worker);
  });

  it('goes on when one worker failed to start and another crashed', async () => {
    pool.script = faultyWorker;
    process.env.PAGE_WORKER_FAULT = 'fail-or-crash';
    expectOneThreadsRelease(await release({ workers: 3, workerThreshold: 0 }));
    const by = computedBy(pool.answers[0]);
    expect(by.missing).toBeGreaterThan(0);
    expect(by.here).toBeGreaterThan(by.worker);
  });

  it('does not wait for a worker that has not loaded yet: this thread computes every page', async () => {
    pool.script = faultyWorker;
    pool.waitForWorker = false;
    process.env.PAGE_WORKER_FAULT = 'late';
    const started = Date.now();
    expectOneThreadsRelease(await release(parallel));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(computedBy(pool.answers[0])).toEqual({ worker: 0, here: 41, missing: 0 });
  });

  it('gives no work to a worker that read another registry than this thread', async () => {
    const other = path.join(work, 'other-sources');
    await cp(sources, other, { recursive: true });
    const aliases = path.join(other, 'registry/aliases.yaml');
    await writeFile(aliases, (await readFile(aliases, 'utf8')).replace(/\n+$/u, '\n') + '- name: An Alias No Page Uses\n  authority: aklagarmyndigheten\n');
    pool.script = faultyWorker;
    process.env.PAGE_WORKER_FAULT = 'other-registry';
    process.env.PAGE_WORKER_SOURCES = other;
    expectOneThreadsRelease(await release(parallel));
    expect(computedBy(pool.answers[0])).toEqual({ worker: 0, here: 41, missing: 0 });
  });

  it('puts the worker results in the cache as they came, and a build from that cache is the same', async () => {
    pool.script = compiledWorker;
    const cacheDir = path.join(work, 'cache');
    expectOneThreadsRelease(await release({ ...parallel, cache: directoryCache(cacheDir) }));
    expect(computedBy(pool.answers[0]).worker).toBeGreaterThan(0);
    expect((await readdir(cacheDir)).length).toBe(41);
    expect(pool.started).toBe(1);
    // every page in the cache: no worker is even started (it would load for nothing)
    expectOneThreadsRelease(await release({ ...parallel, workerThreshold: 1, cache: directoryCache(cacheDir) }));
    expect(pool.answers.length).toBe(1);
    expect(pool.started).toBe(1);
  });

  it('starts no worker for fewer pages than the threshold', async () => {
    pool.script = compiledWorker;
    expectOneThreadsRelease(await release({ workers: 2, workerThreshold: 43 }));
    expect(pool.answers).toEqual([]);
  });
});
