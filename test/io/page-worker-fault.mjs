// A page worker with a fault, for worker-pool.test.ts: the compiled page-worker.js behind a
// wrapper that, as PAGE_WORKER_FAULT says, drops the results of pages named `drop-*`, crashes on
// a batch holding a page named `crash-*`, starts two minutes late, reads the registry of
// PAGE_WORKER_SOURCES instead of the main thread's, or (`fail-or-crash`) fails to start in
// every other thread and crashes in the others.
import { parentPort, threadId, workerData } from 'node:worker_threads';

let fault = process.env.PAGE_WORKER_FAULT;
if (fault === 'fail-or-crash') {
  if (threadId % 2 === 1) throw new Error('the page worker failed to start');
  fault = 'crash';
}
if (fault === 'late') await new Promise((resolve) => setTimeout(resolve, 120_000));
if (fault === 'other-registry') workerData.sources = process.env.PAGE_WORKER_SOURCES;

const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (answer) => {
  if ('texts' in answer) {
    const names = answer.texts.map((text) => (text === null ? '' : JSON.parse(text).source.path.split('/').at(-1)));
    if (fault === 'crash' && names.some((name) => name.startsWith('crash-'))) throw new Error('the page worker crashed');
    if (fault === 'drop') answer = { ...answer, texts: answer.texts.map((text, i) => (names[i].startsWith('drop-') ? null : text)) };
  }
  post(answer);
};
await import(new URL('../../build/pipeline/io/page-worker.js', import.meta.url).href);
