import { reporter } from 'vfile-reporter';
import { reporterJson } from 'vfile-reporter-json';
import { availableParallelism } from 'node:os';
import { cacheFromEnvironment, pruneCache } from '../io/cache.js';
import { runPipeline, workerThresholdFromEnvironment } from './pipeline-run.js';
import { counts, linterLines } from './report.js';
import { sarifLog } from './sarif.js';

export interface CheckOptions {
  sources: string;
  format: 'text' | 'stylish' | 'json' | 'sarif';
  /** pages larger than this many bytes are skipped unread (default 20 MB) */
  maxBytes?: number;
  /** worker threads for parsing and extraction when many pages are not in the cache (default: the cores) */
  workers?: number;
}

/**
 * Exit code: 2 when a file under pages/ cannot be used (unusable input), else 1 when a count
 * check failed, else 0. Pages come from the cache build uses (and go into it): a check after a
 * build, or after another check, parses only the pages that changed; the messages are the same.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const cached = cacheFromEnvironment();
  const result = await runPipeline(options.sources, {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(cached ? { cache: cached.cache } : {}),
    workers: options.workers ?? availableParallelism(),
    ...workerThresholdFromEnvironment(),
  });
  if (cached) await pruneCache(cached.dir, result.cacheKeys ?? []).catch(() => undefined);
  const files = result.files;
  const failed = result.dataset.countChecks.filter((c) => c.status === 'mismatch').length;
  switch (options.format) {
    case 'json':
      process.stdout.write(`${reporterJson(files)}\n`);
      break;
    case 'sarif':
      process.stdout.write(`${JSON.stringify(sarifLog(files), null, 2)}\n`);
      break;
    case 'stylish':
      process.stdout.write(`${reporter(files)}\n`);
      break;
    default: {
      const { errors, warnings } = counts(files);
      const lines = linterLines(files);
      const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} file(s) under pages/ skipped` : '';
      lines.push(`${result.dataset.countChecks.length} count checks: ${result.dataset.countChecks.length - failed} consistent or unverifiable, ${failed} failed; ${errors} errors, ${warnings} warnings${skipped}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  if (result.skipped.length > 0) return 2;
  return failed > 0 ? 1 : 0;
}
