import { reporter } from 'vfile-reporter';
import { reporterJson } from 'vfile-reporter-json';
import { runPipeline } from './pipeline-run.js';
import { counts, linterLines } from './report.js';
import { sarifLog } from './sarif.js';

export async function runCheck(options: { sources: string; format: 'text' | 'stylish' | 'json' | 'sarif' }): Promise<number> {
  const result = await runPipeline(options.sources);
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
      lines.push(`${result.dataset.countChecks.length} count checks: ${result.dataset.countChecks.length - failed} consistent or unverifiable, ${failed} failed; ${errors} errors, ${warnings} warnings`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
