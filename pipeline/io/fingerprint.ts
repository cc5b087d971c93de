import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

/**
 * A hash of the pipeline's own compiled code (pipeline/ and schemas/): a cached page result made
 * by other code is never reused, even when the version number did not change.
 */
export function pipelineFingerprint(): Promise<string> {
  cached ??= (async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const hash = createHash('sha256');
    for (const dir of ['pipeline', 'schemas']) {
      const files = (await readdir(path.join(root, dir), { recursive: true })).filter((f) => f.endsWith('.js')).sort();
      for (const f of files) hash.update(f).update('\0').update(await readFile(path.join(root, dir, f))).update('\0');
    }
    return hash.digest('hex');
  })();
  return cached;
}
