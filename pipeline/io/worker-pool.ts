import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { VFile } from 'vfile';
import type { ComputePage, Registry } from '../build.js';
import { pageResultOf, pageResultText, type PageResult } from '../page-result.js';
import type { PageFormat, ReadPage } from './read-pages.js';
import type { LoadedRegistry } from './read-registry.js';

/** What a thread needs of a page to compute its result on its own copy of the page's VFiles. */
export interface WorkerPage {
  relPath: string;
  path: string;
  value: string;
  data: Record<string, unknown>;
  format: PageFormat;
  sha256: string;
  meta?: { path: string; value: string };
}

/**
 * Where a page's text is in the job's shared buffer: from byte `start` to `end`, a byte a
 * character when every character fits in one (as V8 keeps such a string), else UTF-16, so that
 * the text comes back exactly as it was.
 */
export interface TextRange {
  start: number;
  end: number;
  encoding: 'latin1' | 'utf16le';
}

/** A page as a worker is sent it: its text is in the job's shared buffer. */
export type SentPage = Omit<WorkerPage, 'value'> & { text: TextRange };

/** The one job each worker is sent: every page, and the counter from which all threads claim batches. */
export interface WorkerJob {
  pages: SentPage[];
  /**
   * Every page's text, one after another: shared, not copied into each thread's heap. The texts
   * are tens of megabytes at 10,000 pages, and what is live on a heap counts several times over
   * at its peak: V8 lets a heap grow to up to four times what was live at the last full collection.
   */
  texts: SharedArrayBuffer;
  batchSize: number;
  /** an Int32Array's buffer: the index of the next batch nobody has claimed */
  claims: SharedArrayBuffer;
  /** the registry the main thread read (see `registryDigest`) */
  registryDigest: string;
}

/** What a worker posts: that it has loaded, a batch's results from page `start` on as JSON text (null where it failed), or that it found no more work. */
export type WorkerAnswer = { ready: true } | { start: number; texts: (string | null)[] } | { done: true };

/** A page's result, and whether a worker computed it (and sent it as the JSON text the cache stores). */
export interface ComputedPage {
  result: PageResult;
  byWorker: boolean;
}

export interface PagePool {
  /** settles once every worker has loaded its modules and the registry, or failed to */
  ready: Promise<void>;
  /**
   * Compute these pages on this thread and the workers together; once per pool. The answer is
   * in the pages' order, with no entry for a page a thread failed on: the caller computes that
   * page itself, so that it is reported exactly as a build in one thread reports it. `onResult`
   * is given each page's result as it is made, as the text the cache keeps (`pageResultText`):
   * the text a worker sent, or a function that makes it for a page of this thread (not kept).
   */
  compute(pages: readonly (ReadPage & { relPath: string })[], work: { registry: Registry; digest: string; computePage: ComputePage }, progress?: (done: number) => void, onResult?: (index: number, text: () => string) => void): Promise<(ComputedPage | undefined)[]>;
  close(): Promise<void>;
}

/**
 * Pages per batch: few, so that the threads finish within a few pages of each other (pages
 * differ in cost), yet enough that a batch's message (tens of µs) is lost in its work (~40 ms
 * warm, several times that while a thread's code is still cold).
 */
const PAGES_PER_BATCH = 4;

/**
 * Start `threads` worker threads that load their modules and the registry at once, so that they
 * are ready by the time the main thread has read the pages.
 */
export function startPagePool(sourcesDir: string, threads: number, script = new URL('./page-worker.js', import.meta.url)): PagePool {
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: { sources: sourcesDir }, resourceLimits: { stackSizeMb: workerStackMb() } }));
  // Workers that have stopped (failed, crashed) or found no more work.
  const finished = new Set<number>();
  let listener: ((answer: WorkerAnswer) => void) | undefined;
  const ready = workers.map(
    (worker, index) =>
      new Promise<void>((resolve) => {
        worker.on('message', (answer: WorkerAnswer) => {
          if ('ready' in answer) resolve();
          if ('done' in answer) finished.add(index);
          listener?.(answer);
        });
        // A worker that fails (to start, or on a page) takes no more work; what it held is computed by the main thread.
        worker.on('error', () => undefined);
        worker.once('exit', () => {
          finished.add(index);
          resolve();
          listener?.({ done: true });
        });
      }),
  );
  let used = false;
  return {
    ready: Promise.all(ready).then(() => undefined),
    async compute(pages, { registry, digest, computePage }, progress, onResult) {
      if (used) throw new Error('a page pool computes once');
      used = true;
      const job: WorkerJob = { ...sentPages(pages.map(workerPage)), batchSize: PAGES_PER_BATCH, claims: new SharedArrayBuffer(4), registryDigest: digest };
      const results: (ComputedPage | undefined)[] = new Array<ComputedPage | undefined>(pages.length);
      const batches = Math.ceil(pages.length / PAGES_PER_BATCH);
      let answered = 0;
      let done = 0;
      let wake: (() => void) | undefined;
      const settled = () => answered === batches || finished.size === workers.length;
      listener = (answer) => {
        if ('start' in answer) {
          answer.texts.forEach((text, i) => {
            if (text === null) return;
            results[answer.start + i] = { result: pageResultOf(text), byWorker: true };
            onResult?.(answer.start + i, () => text);
          });
          answered++;
          progress?.((done += answer.texts.length));
        }
        if (settled()) wake?.();
      };
      // While the pages are computed their texts are in the shared buffer only (see WorkerJob.texts); each VFile gets its text back.
      const lent = pages.map((page) => typeof page.file.value === 'string');
      pages.forEach((page, i) => lent[i] && (page.file.value = withoutText));
      try {
        try {
          for (const worker of workers) worker.postMessage(job);
        } catch {
          // A page whose data cannot be sent to a thread (not plain data): this thread computes them all.
          workers.forEach((_, index) => finished.add(index));
        }
        const claims = new Int32Array(job.claims);
        for (let range = claimBatch(claims, PAGES_PER_BATCH, pages.length); range; range = claimBatch(claims, PAGES_PER_BATCH, pages.length)) {
          for (let i = range.start; i < range.end; i++) {
            const page = receivedPage(job, job.pages[i] as SentPage);
            // the text the result's quotes are cut from is the one the VFile gets back: kept once, not twice
            if (lent[i]) (pages[i] as (typeof pages)[number]).file.value = page.value;
            const result = computeCopy(page, registry, computePage);
            if (result) {
              results[i] = { result, byWorker: false };
              onResult?.(i, () => pageResultText(result));
            }
          }
          answered++;
          progress?.((done += range.end - range.start));
          // Let the workers' answers in between batches, rather than all at the end.
          await new Promise((resolve) => setImmediate(resolve));
        }
        // A worker still loading has claimed nothing: once every batch is answered, nothing is waited for.
        if (!settled()) await new Promise<void>((resolve) => (wake = resolve));
      } finally {
        listener = undefined;
        pages.forEach((page, i) => {
          if (lent[i] && page.file.value === withoutText) page.file.value = textOf(job, job.pages[i] as SentPage);
        });
      }
      return results;
    },
    async close() {
      listener = undefined;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The next batch nobody has claimed, taken atomically, or undefined when all are taken. */
export function claimBatch(claims: Int32Array, batchSize: number, total: number): { start: number; end: number } | undefined {
  const start = Atomics.add(claims, 0, 1) * batchSize;
  return start < total ? { start, end: Math.min(total, start + batchSize) } : undefined;
}

/** The page as plain data for another thread. */
function workerPage(page: ReadPage & { relPath: string }): WorkerPage {
  return {
    relPath: page.relPath,
    path: page.file.path,
    value: String(page.file.value),
    data: { ...page.file.data },
    format: page.format,
    sha256: page.sha256,
    ...(page.metaFile ? { meta: { path: page.metaFile.path, value: String(page.metaFile.value) } } : {}),
  };
}

/** A VFile's value while its text is in the shared buffer only (as a skipped page's VFile, it has none). */
const withoutText = undefined as unknown as VFile['value'];

/** The pages as sent to workers: their texts in one shared buffer. */
function sentPages(pages: readonly WorkerPage[]): Pick<WorkerJob, 'pages' | 'texts'> {
  const ranges: TextRange[] = [];
  let end = 0;
  for (const { value } of pages) {
    const encoding = /[^\u0000-\u00ff]/u.test(value) ? 'utf16le' : 'latin1';
    ranges.push({ start: end, end: (end += Buffer.byteLength(value, encoding)), encoding });
  }
  const texts = new SharedArrayBuffer(end);
  const bytes = Buffer.from(texts);
  return {
    texts,
    pages: pages.map(({ value, ...page }, i) => {
      const text = ranges[i] as TextRange;
      bytes.write(value, text.start, text.encoding);
      return { ...page, text };
    }),
  };
}

const textOf = (job: WorkerJob, page: SentPage): string => Buffer.from(job.texts, page.text.start, page.text.end - page.text.start).toString(page.text.encoding);

/** A page a worker was sent, with its text. */
export function receivedPage(job: WorkerJob, page: SentPage): WorkerPage {
  const { text, ...rest } = page;
  return { ...rest, value: textOf(job, page) };
}

/**
 * A page's result computed on fresh VFiles, as in any thread, or undefined when computing fails
 * (the caller computes the page again on the real VFiles and reports it as a one-thread build).
 */
export function computeCopy(page: WorkerPage, registry: Registry, computePage: ComputePage): PageResult | undefined {
  const file = new VFile({ path: page.path, value: page.value });
  Object.assign(file.data, structuredClone(page.data));
  const metaFile = page.meta ? new VFile({ path: page.meta.path, value: page.meta.value }) : undefined;
  try {
    return computePage({ file, format: page.format, sha256: page.sha256, relPath: page.relPath, ...(metaFile ? { metaFile } : {}) }, registry);
  } catch {
    return undefined;
  }
}

/** What of the registry a page's result depends on, hashed: a worker that read another registry takes no work. */
export function registryDigest(loaded: LoadedRegistry): string {
  return createHash('sha256')
    .update(JSON.stringify([loaded.registry, loaded.aliases, loaded.kinds]))
    .digest('hex');
}

/**
 * A worker's call stack a little smaller than the main thread's (V8's 984 kB unless node was
 * started with --stack-size; Node keeps 192 kB of a worker's stack in reserve). With the default
 * 4 MB a worker would read a deeply nested page that overflows in one thread; this way a page
 * near the limit fails in the worker and is read again, and reported, by the main thread.
 */
function workerStackMb(): number {
  const flag = process.execArgv.map((arg) => /^--stack[-_]size=(\d+)$/u.exec(arg)?.[1]).find((kb) => kb !== undefined);
  const mainKb = flag === undefined ? 984 : Number(flag);
  return (mainKb - 64 + 192) / 1024;
}
