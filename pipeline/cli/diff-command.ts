import { diffReleases, formatDiffText } from '../diff/diff.js';
import { readRelease } from '../io/read-release.js';
import { recoverRelease } from '../io/write-dataset.js';

export interface DiffOptions {
  old: string;
  new: string;
  format: 'text' | 'json';
}

/** Print what changed from one release folder to another. Changes are the answer, not a failure: exit 0. */
export async function runDiff(options: DiffOptions): Promise<number> {
  // A build killed between its two renames leaves the release beside its folder: put it back first.
  for (const dir of [options.old, options.new]) await recoverRelease(dir);
  const diff = diffReleases(await readRelease(options.old), await readRelease(options.new));
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : formatDiffText(diff));
  return 0;
}
