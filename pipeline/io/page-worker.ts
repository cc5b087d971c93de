// A worker thread of worker-pool.ts. It loads the modules and the registry as soon as it starts
// (while the main thread is still reading pages), then claims batches of its job's pages from the
// counter it shares with the other threads and answers each batch at once, as the text the
// cache stores anyway (pageResultText) (cheaper for the main thread than a structured clone it would stringify).
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRegistry } from '../build.js';
import { computePageResult } from '../compute-page.js';
import { pageResultText } from '../page-result.js';
import { readRegistry } from './read-registry.js';
import { claimBatch, computeCopy, receivedPage, registryDigest, type WorkerAnswer, type WorkerJob } from './worker-pool.js';

const port = parentPort;
if (!port) throw new Error('page-worker.js runs as a worker thread of worker-pool.js');
const loaded = await readRegistry((workerData as { sources: string }).sources);
const registry = prepareRegistry(loaded);
const digest = registryDigest(loaded);

port.on('message', (job: WorkerJob) => {
  // A registry that changed after the main thread read it would give other results: no work then.
  if (job.registryDigest === digest) {
    const claims = new Int32Array(job.claims);
    for (let range = claimBatch(claims, job.batchSize, job.pages.length); range; range = claimBatch(claims, job.batchSize, job.pages.length)) {
      const texts = job.pages.slice(range.start, range.end).map((page) => {
        const result = computeCopy(receivedPage(job, page), registry, computePageResult);
        return result ? pageResultText(result) : null;
      });
      port.postMessage({ start: range.start, texts } satisfies WorkerAnswer);
    }
  }
  port.postMessage({ done: true } satisfies WorkerAnswer);
});
port.postMessage({ ready: true } satisfies WorkerAnswer);
