import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPublicationConfig } from '../io/read-registry.js';
import { writeRelease } from '../io/write-dataset.js';
import { publishRelease } from '../publish/publish.js';
import { runPipeline } from './pipeline-run.js';
import { counts } from './report.js';

export interface BuildOptions {
  sources: string;
  out: string;
  strict: boolean;
  force: boolean;
  quiet: boolean;
}

export async function runBuild(options: BuildOptions): Promise<number> {
  const result = await runPipeline(options.sources);
  const config = await readPublicationConfig(options.sources);
  const files = await publishRelease(result.dataset, config, await packageVersion());
  await writeRelease(options.out, files, { force: options.force, protect: [options.sources] });
  const { dataset, skipped } = result;
  const failed = dataset.countChecks.filter((c) => c.status === 'mismatch');
  const { warnings } = counts(result.files);
  if (!options.quiet) {
    const lines = [
      `samverkan: wrote ${options.out}/ from ${dataset.sources.length} page(s): ${dataset.forums.length} forums, ${dataset.authorities.length} participants, ${dataset.memberships.length} memberships, ${dataset.countChecks.length} count checks (${failed.length} failed), ${warnings} warnings`,
      ...failed.map((c) => `  failed: ${c.forumId} (${c.group}): ${c.message}`),
      ...skipped.map((s) => `  skipped: ${s.path}: ${s.reason}`),
    ];
    if (failed.length > 0 || warnings > 0) lines.push('  run `samverkan check` for every finding with its position');
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  if (options.strict && (failed.length > 0 || skipped.length > 0)) return 1;
  return 0;
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
