// A worker thread that computes page results (parse + extract) for the pages it is sent. It
// loads the registry itself, once, and answers each batch with plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import { computePageResult, prepareRegistry } from '../build.js';
import type { PageFormat } from './read-pages.js';
import { readRegistry } from './read-registry.js';

/** What the main thread sends for one page: enough to rebuild its VFiles exactly. */
export interface WorkerPage {
  relPath: string;
  path: string;
  value: string;
  data: Record<string, unknown>;
  format: Exclude<PageFormat, never>;
  sha256: string;
  meta?: { path: string; value: string };
}

const registry = prepareRegistry(await readRegistry((workerData as { sources: string }).sources));

parentPort?.on('message', (pages: WorkerPage[]) => {
  const results = pages.map((p) => {
    const file = new VFile({ path: p.path, value: p.value });
    Object.assign(file.data, p.data);
    const metaFile = p.meta ? new VFile({ path: p.meta.path, value: p.meta.value }) : undefined;
    try {
      return { relPath: p.relPath, result: computePageResult({ file, format: p.format, bytes: Buffer.alloc(0), sha256: p.sha256, relPath: p.relPath, ...(metaFile ? { metaFile } : {}) }, registry) };
    } catch (error) {
      // The main thread computes this page again itself, and reports it as it would.
      return { relPath: p.relPath, error: String(error) };
    }
  });
  parentPort?.postMessage(results);
});
