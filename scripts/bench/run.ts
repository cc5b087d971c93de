// One measured run in a fresh process, so that peak RSS belongs to that run alone.
//   node build/scripts/bench/run.js parse SOURCES        read every page and run the unified parsers
//   node build/scripts/bench/run.js build SOURCES OUT    the whole build, outputs written
//   node build/scripts/bench/run.js extract SOURCES      parse, extract, resolve and check, no outputs
// BENCH_PART=k/n: parse only every n-th page from the k-th (0-based), for n processes side by side.
// Prints one line of JSON: { ms, cpuMs, maxRssMB, pages } (cpuMs: user and system time of every thread).
import { performance } from 'node:perf_hooks';
import { runBuild } from '../../pipeline/cli/build-command.js';
import { runPipeline } from '../../pipeline/cli/pipeline-run.js';
import { isSkipped, listPageFiles, readPage } from '../../pipeline/io/read-pages.js';
import { parsePage } from '../../pipeline/parse/parse-page.js';

const [mode, sources, out] = process.argv.slice(2);
if (!mode || !sources) throw new Error('usage: run.js parse|build|extract SOURCES [OUT]');
const started = performance.now();
let pages = 0;
if (mode === 'parse') {
  const [part, parts] = (process.env.BENCH_PART ?? '0/1').split('/').map(Number) as [number, number];
  const files = await listPageFiles(sources);
  for (let i = part; i < files.length; i += parts) {
    const page = await readPage(sources, files[i] as string);
    if (!isSkipped(page) && (page.format === 'html' || page.format === 'md' || page.format === 'txt')) parsePage(page.file, page.format);
    pages++;
  }
} else if (mode === 'build') {
  const workers = process.env.BENCH_WORKERS ? { workers: Number(process.env.BENCH_WORKERS) } : {};
  await runBuild({ sources, out: out ?? `${sources}-dist`, strict: false, force: true, quiet: true, ...workers });
  pages = (await listPageFiles(sources)).length;
} else if (mode === 'extract') {
  pages = (await runPipeline(sources)).dataset.sources.length;
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMB: usage.maxRSS / 1024, pages })}\n`);
