import { createHash } from 'node:crypto';
import { buildDataset, prepareRegistry, type BuildResult, type PageResultCache } from '../build.js';
import type { Cache } from '../io/cache.js';
import { pipelineFingerprint } from '../io/fingerprint.js';
import { loadSources, type LoadOptions } from '../io/load-sources.js';
import type { PageResult } from '../page-result.js';
import { computeInWorkers } from '../io/worker-pool.js';

export interface RunOptions extends LoadOptions {
  /** keep and reuse each page's result (see pipeline/io/cache.ts); none when undefined */
  cache?: Cache;
  /** worker threads for parsing and extraction; 1 (the default) works in this thread */
  workers?: number;
  /** compute in workers only when at least this many pages miss the cache */
  workerThreshold?: number;
  /** told how far the build is, page by page */
  progress?: (done: number, total: number) => void;
}

/** Below this many pages to compute, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;

/** Load a sources folder and run the pipeline on it (the I/O edge shared by build and check). */
export async function runPipeline(sourcesDir: string, options: RunOptions = {}): Promise<BuildResult> {
  const { pages, registry } = await loadSources(sourcesDir, options);
  const prepared = prepareRegistry(registry);
  const workers = options.workers ?? 1;
  if (!options.cache && workers <= 1) return buildDataset(pages, prepared, undefined, options.progress);

  // A page's result depends on its bytes, its sidecar, its path, the registry and the code.
  const base = createHash('sha256')
    .update(await pipelineFingerprint())
    .update(JSON.stringify([registry.registry, registry.aliases, registry.kinds]))
    .digest('hex');
  const keys = new Map<string, string>();
  const keyOf: PageResultCache['keyOf'] = (page) => {
    let key = keys.get(page.relPath);
    if (key === undefined) {
      key = `page:${createHash('sha256').update(base).update(page.relPath).update('\0').update(page.sha256).update('\0').update(String(page.metaFile?.value ?? '')).digest('hex')}`;
      keys.set(page.relPath, key);
    }
    return key;
  };
  const cached = new Map<string, PageResult>();
  await Promise.all(
    pages.map(async (page) => {
      if ('skip' in page) return;
      const key = keyOf(page);
      const text = options.cache ? await options.cache.get(key) : undefined;
      if (text === undefined) return;
      try {
        cached.set(key, JSON.parse(text) as PageResult);
      } catch {
        // an entry that does not parse is rebuilt, never trusted
      }
    }),
  );
  const fresh = new Map<string, PageResult>();
  // Pages the cache does not have are computed in worker threads when there are many; their
  // results go in as cache hits would, and into the cache.
  const misses = pages.filter((p): p is Extract<(typeof pages)[number], { sha256: string }> => !('skip' in p) && !cached.has(keyOf(p)));
  if (workers > 1 && misses.length >= (options.workerThreshold ?? WORKER_THRESHOLD)) {
    const byPath = new Map(misses.map((p) => [p.relPath, p]));
    for (const [relPath, value] of await computeInWorkers(sourcesDir, misses, workers)) {
      const page = byPath.get(relPath);
      if (!page) continue;
      cached.set(keyOf(page), value);
      fresh.set(keyOf(page), value);
    }
  }
  const result = buildDataset(pages, prepared, { keyOf, cached, fresh }, options.progress);
  if (options.cache) await Promise.all([...fresh].map(([key, value]) => options.cache?.set(key, JSON.stringify(value))));
  return result;
}
