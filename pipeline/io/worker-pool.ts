import { Worker } from 'node:worker_threads';
import type { PageResult } from '../page-result.js';
import type { ReadPage } from './read-pages.js';
import type { WorkerPage } from './page-worker.js';

/**
 * Parse and extract pages across worker threads; each worker takes an equal share, in order.
 * Pages a worker fails on are left out of the answer, so the main thread handles them itself.
 */
export async function computeInWorkers(sourcesDir: string, pages: readonly (ReadPage & { relPath: string })[], workers: number): Promise<Map<string, PageResult>> {
  const results = new Map<string, PageResult>();
  const shares: WorkerPage[][] = Array.from({ length: workers }, () => []);
  pages.forEach((page, i) => {
    const data = { ...page.file.data };
    (shares[i % workers] as WorkerPage[]).push({
      relPath: page.relPath,
      path: page.file.path,
      value: String(page.file.value),
      data,
      format: page.format,
      sha256: page.sha256,
      ...(page.metaFile ? { meta: { path: page.metaFile.path, value: String(page.metaFile.value) } } : {}),
    });
  });
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          if (share.length === 0) return resolve();
          const worker = new Worker(new URL('./page-worker.js', import.meta.url), { workerData: { sources: sourcesDir } });
          worker.once('message', (answers: { relPath: string; result?: PageResult }[]) => {
            for (const a of answers) if (a.result) results.set(a.relPath, a.result);
            void worker.terminate().then(() => resolve());
          });
          worker.once('error', reject);
          worker.postMessage(share);
        }),
    ),
  );
  return results;
}
