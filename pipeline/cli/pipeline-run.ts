import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { buildDataset, prepareRegistry, type BuildResult, type PageResultCache } from '../build.js';
import { cacheWriter, type Cache } from '../io/cache.js';
import { pipelineFingerprint } from '../io/fingerprint.js';
import { loadSources, type LoadedSources, type LoadOptions } from '../io/load-sources.js';
import { scanPages, type ReadPage } from '../io/read-pages.js';
import { pageResultOf, pageResultText, type PageResult } from '../page-result.js';
import { registryDigest, startPagePool, type PagePool } from '../io/worker-pool.js';

export interface RunOptions extends LoadOptions {
  /** keep and reuse each page's result (see pipeline/io/cache.ts); none when undefined */
  cache?: Cache;
  /** threads for parsing and extraction, this one included; 1 (the default) works in this thread only */
  workers?: number;
  /** start worker threads only when the sources hold at least this many pages */
  workerThreshold?: number;
  /** told how far the build is, page by page */
  progress?: (done: number, total: number) => void;
  /**
   * Return before the page results computed last are all in the cache, with `cacheWritten` to
   * wait for: they are written while the caller goes on (build writes the release meanwhile).
   */
  deferCacheWrites?: boolean;
  /**
   * Asked once the pages are read, with the key of everything the dataset would be made from
   * (see `PipelineResult.inputsKey`; only with a cache): when it answers true, what those inputs
   * make is in place already and nothing more is done (`{ unchanged: true }`).
   */
  unchanged?: (inputsKey: string) => Promise<boolean>;
  /**
   * Told, before any page is computed, how many pages the build computes (those the cache does
   * not answer), and whether worker threads compute them with this one.
   */
  computing?: (pages: number, inWorkers: boolean) => void;
}

/** What runPipeline answers when `unchanged` said that what the inputs make is in place. */
export interface UnchangedResult {
  unchanged: true;
  inputsKey: string;
  /** the cache keys of this build's pages (see `PipelineResult.cacheKeys`) */
  cacheKeys: string[];
}

/**
 * Below this many pages, worker threads are not started. Measured on 2 cores (cache off, one
 * thread against two in turns, 2026-11-29): at 1,000 pages one thread was faster in all seven
 * pairs (6.1 against 7.3 s; two threads used 40% more CPU), at 2,000 both took the same, at
 * 5,000 two threads were 1.12–1.32× faster. One thread of JavaScript keeps about 1.5 cores busy
 * here (V8's helper threads), and each worker loads the pipeline and warms its own compiled
 * code: below a few thousand pages that costs more than the second thread gives.
 */
const WORKER_THRESHOLD = 2000;

/** SAMVERKAN_WORKER_THRESHOLD lowers the number of pages from which workers start (for tests). */
export function workerThresholdFromEnvironment(env: NodeJS.ProcessEnv = process.env): Pick<RunOptions, 'workerThreshold'> {
  return env.SAMVERKAN_WORKER_THRESHOLD === undefined ? {} : { workerThreshold: Number(env.SAMVERKAN_WORKER_THRESHOLD) };
}

/**
 * What a build made, and with a cache, a hash of everything the dataset is made from: the code,
 * the whole registry, and every page's key (bytes, sidecar, path) or the reason it was skipped.
 */
export type PipelineResult = BuildResult & {
  inputsKey?: string;
  cacheWritten?: Promise<void>;
  /** with a cache: the key of every page's entry, used or not (entries to keep, see pruneCache) */
  cacheKeys?: string[];
};

/** Load a sources folder and run the pipeline on it (the I/O edge shared by build and check). */
export async function runPipeline(sourcesDir: string, options: Omit<RunOptions, 'unchanged'> = {}): Promise<PipelineResult> {
  return (await runPipelineUnlessUnchanged(sourcesDir, options)) as PipelineResult;
}

/** runPipeline, or `{ unchanged: true }` when `options.unchanged` says its inputs' outcome is in place. */
export async function runPipelineUnlessUnchanged(sourcesDir: string, options: RunOptions = {}): Promise<PipelineResult | UnchangedResult> {
  const workers = options.workers ?? 1;
  const many = workers > 1 ? pageFileCount(sourcesDir).then((count) => count >= (options.workerThreshold ?? WORKER_THRESHOLD)) : Promise.resolve(false);
  let started: PagePool | undefined;
  const start = () => (started ??= startPagePool(sourcesDir, workers - 1));
  // Without a cache every page is computed: the workers start at once and load their modules and
  // the registry while this thread reads the pages. With a cache they start only once it has said
  // that it lacks many pages: in a rebuild after a few pages changed, workers loading for nothing
  // took CPU time from this thread's garbage collection, on a machine of two cores.
  const early = options.cache ? Promise.resolve(undefined) : many.then((yes) => (yes ? start() : undefined));
  try {
    const sources = await loadSources(sourcesDir, options);
    return await buildFrom(sources, await early, options, async () => ((await many) ? start() : undefined));
  } finally {
    await early.catch(() => undefined);
    await started?.close();
  }
}

/**
 * The pipeline on pages read: results found in the cache are reused, the others are computed
 * (with the pool's workers when there is one) and go into the cache.
 */
async function buildFrom({ pages, registry }: LoadedSources, pool: PagePool | undefined, options: RunOptions, startPool: () => Promise<PagePool | undefined>): Promise<PipelineResult | UnchangedResult> {
  if (!options.cache && !pool) {
    options.computing?.(pages.filter((p) => !('skip' in p)).length, false);
    return buildDataset(pages, prepareRegistry(registry), undefined, options.progress, await loadCompute());
  }

  // A page's result depends on its bytes, its sidecar, its path, the registry and the code;
  // without a cache a key only has to tell the pages of this build apart.
  const base = options.cache
    ? createHash('sha256')
        .update(await pipelineFingerprint())
        .update(JSON.stringify([registry.registry, registry.aliases, registry.kinds]))
        .digest('hex')
    : undefined;
  const keys = new Map<string, string>();
  const keyOf: PageResultCache['keyOf'] = (page) => {
    if (base === undefined) return page.relPath;
    let key = keys.get(page.relPath);
    if (key === undefined) {
      key = `page:${createHash('sha256').update(base).update(page.relPath).update('\0').update(page.sha256).update('\0').update(String(page.metaFile?.value ?? '')).digest('hex')}`;
      keys.set(page.relPath, key);
    }
    return key;
  };
  let inputsKey: string | undefined;
  const cacheKeys: string[] = [];
  if (base !== undefined) {
    // The pages' keys hold the code and the authorities; assembling also reads the forum registry.
    const inputs = createHash('sha256').update(base).update(JSON.stringify(registry));
    for (const page of pages) {
      if ('skip' in page) inputs.update(`\0skipped\0${page.relPath}\0${page.skip.ruleId}\0${page.skip.reason}`);
      else {
        const key = keyOf(page);
        cacheKeys.push(key);
        inputs.update(`\0${key}`);
      }
    }
    inputsKey = inputs.digest('hex');
    // Nothing changed since the release was written: no cache entry is read, nothing assembled.
    if (options.unchanged && (await options.unchanged(inputsKey))) return { unchanged: true, inputsKey, cacheKeys };
  }
  const prepared = prepareRegistry(registry);
  const cached = new Map<string, PageResult>();
  await Promise.all(
    pages.map(async (page) => {
      if ('skip' in page) return;
      const key = keyOf(page);
      const text = options.cache ? await options.cache.get(key) : undefined;
      if (text === undefined) return;
      try {
        cached.set(key, pageResultOf(text));
      } catch {
        // an entry that does not read as a page result is rebuilt, never trusted
      }
    }),
  );
  const fresh = new Map<string, PageResult>();
  const misses = pages.filter((p): p is Extract<(typeof pages)[number], { sha256: string }> => !('skip' in p) && !cached.has(keyOf(p)));
  let reported = 0;
  // Keys whose entry is in the cache already: what the workers sent, written as they sent it.
  let stored = new Set<string>();
  // With a cache, the workers start when it lacks many pages. A few are computed here: a worker
  // would take longer to load the pipeline than to compute them, and would compete with this
  // thread for the second core meanwhile (an incremental build of 1,000 pages with one page
  // changed took 7.0 s with the worker, 4.8 s without).
  if (!pool && misses.length > 0 && misses.length >= (options.workerThreshold ?? WORKER_THRESHOLD)) pool = await startPool();
  if (pool && misses.length < (options.workerThreshold ?? WORKER_THRESHOLD)) {
    await pool.close();
    pool = undefined;
  }
  options.computing?.(misses.length, pool !== undefined);
  if (pool && misses.length > 0) {
    const hits = pages.length - misses.length;
    const work = { registry: prepared, digest: registryDigest(registry), computePage: await loadCompute() };
    stored = await computeInPool(pool, misses, work, { keyOf, cached, fresh }, options.cache, (done) => options.progress?.((reported = hits + done), pages.length));
  }
  // Replaying the results is quick: the bar does not go back for it.
  const progress = options.progress && ((done: number, total: number) => options.progress?.(Math.max(done, reported), total));
  // The parsers load only when some page is not answered by the cache or the workers.
  const compute = pages.some((p) => !('skip' in p) && !cached.has(keyOf(p))) ? await loadCompute() : undefined;
  const result = buildDataset(pages, prepared, { keyOf, cached, fresh }, progress, compute);
  if (!options.cache || base === undefined) return result;
  const writer = cacheWriter(options.cache);
  for (const [key, value] of fresh) if (!stored.has(key)) writer.add(key, () => pageResultText(value));
  const cacheWritten = writer.flush();
  if (options.deferCacheWrites) cacheWritten.catch(() => undefined); // the caller awaits it
  else await cacheWritten;
  return { ...result, ...(inputsKey === undefined ? {} : { inputsKey }), cacheKeys, ...(options.deferCacheWrites ? { cacheWritten } : {}) };
}

/**
 * Pages computed by this thread and the pool's workers together. Results go in as cache hits
 * would (in page order, by buildDataset); a page no thread could compute is left to
 * buildDataset, which reports it as one thread does. Returns the keys put into the cache.
 */
async function computeInPool(pool: PagePool, misses: readonly (ReadPage & { relPath: string })[], work: Parameters<PagePool['compute']>[1], results: { keyOf: PageResultCache['keyOf']; cached: Map<string, PageResult>; fresh: Map<string, PageResult> }, cache: Cache | undefined, progress: (done: number) => void): Promise<Set<string>> {
  const keyOfMiss = (index: number) => results.keyOf(misses[index] as (typeof misses)[number]);
  // Every result goes to the cache as soon as it is made, while the threads compute the next pages;
  // what the workers send is the text the cache stores: written as it comes, not kept, not stringified again.
  const writer = cache && cacheWriter(cache);
  const computed = await pool.compute(misses, work, progress, writer && ((index, text) => writer.add(keyOfMiss(index), text)));
  // The workers are done: their heaps are freed before the dataset is assembled.
  await pool.close();
  const stored = new Set<string>();
  computed.forEach((computedPage, index) => {
    if (!computedPage) return;
    const key = keyOfMiss(index);
    results.cached.set(key, computedPage.result);
    results.fresh.set(key, computedPage.result);
    if (writer) stored.add(key);
  });
  await writer?.flush();
  return stored;
}

const loadCompute = async () => (await import('../compute-page.js')).computePageResult;

/**
 * How many files under pages/ have a page's name: a listing, nothing read. 0 when the folder
 * cannot be listed or leads outside the sources folder (loadSources then says why).
 */
async function pageFileCount(sourcesDir: string): Promise<number> {
  try {
    const [root, pagesDir] = await Promise.all([realpath(sourcesDir), realpath(path.join(sourcesDir, 'pages'))]);
    if (!pagesDir.startsWith(root + path.sep)) return 0;
    return (await scanPages(sourcesDir)).pages.length;
  } catch {
    return 0;
  }
}
