import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../util/errors.js';

/** The file that marks a folder as a samverkan release, so a build never replaces anything else. */
export const MARKER = '.samverkan-release';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Write a release: every file into a new folder beside the target, then swap it in with renames.
 * A build that fails or dies leaves the previous release as it was.
 */
export async function writeRelease(outDir: string, files: ReadonlyMap<string, string | Uint8Array>, options: { force?: boolean; protect?: readonly string[] } = {}): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  // Not even --force replaces the working folder, one of its parents, or the sources.
  const inside = (child: string, folder: string) => child === folder || child.startsWith(folder + path.sep);
  if (inside(process.cwd(), target) || (options.protect ?? []).some((p) => inside(path.resolve(p), target) || inside(target, path.resolve(p)))) {
    throw new InputError(`${outDir}: refusing to write a release over the working folder, a parent of it, or the sources`);
  }
  if (await exists(target)) {
    const marked = await exists(path.join(target, MARKER));
    const empty = (await readdir(target).catch(() => ['?'])).length === 0;
    if (!marked && !empty && !options.force) throw new InputError(`${outDir}: exists and is not a samverkan release (no ${MARKER}); refusing to replace it (use --force)`);
  }
  await mkdir(parent, { recursive: true });
  const tag = randomBytes(6).toString('hex');
  const staging = path.join(parent, `.${base}.new-${tag}`);
  const retired = path.join(parent, `.${base}.old-${tag}`);
  try {
    await mkdir(staging);
    for (const [rel, content] of files) {
      const dest = path.join(staging, rel);
      if (!dest.startsWith(staging + path.sep)) throw new Error(`refusing to write outside the release folder: ${rel}`);
      await mkdir(path.dirname(dest), { recursive: true });
      await writeFile(dest, content);
    }
    await writeFile(path.join(staging, MARKER), 'This folder is a dataset release written by samverkan; a build replaces it whole.\n');
    if (await exists(target)) await rename(target, retired);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(target)) && (await exists(retired))) await rename(retired, target);
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

export async function readTextIfExists(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}
