import { createHash } from 'node:crypto';
import { buildDataset, prepareRegistry, type BuildResult, type PageResultCache } from '../build.js';
import type { Cache } from '../io/cache.js';
import { pipelineFingerprint } from '../io/fingerprint.js';
import { loadSources, type LoadOptions } from '../io/load-sources.js';
import type { PageResult } from '../page-result.js';

export interface RunOptions extends LoadOptions {
  /** keep and reuse each page's result (see pipeline/io/cache.ts); none when undefined */
  cache?: Cache;
}

/** Load a sources folder and run the pipeline on it (the I/O edge shared by build and check). */
export async function runPipeline(sourcesDir: string, options: RunOptions = {}): Promise<BuildResult> {
  const { pages, registry } = await loadSources(sourcesDir, options);
  const prepared = prepareRegistry(registry);
  if (!options.cache) return buildDataset(pages, prepared);

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
      const text = await options.cache?.get(key);
      if (text === undefined) return;
      try {
        cached.set(key, JSON.parse(text) as PageResult);
      } catch {
        // an entry that does not parse is rebuilt, never trusted
      }
    }),
  );
  const fresh = new Map<string, PageResult>();
  const result = buildDataset(pages, prepared, { keyOf, cached, fresh });
  await Promise.all([...fresh].map(([key, value]) => options.cache?.set(key, JSON.stringify(value))));
  return result;
}
