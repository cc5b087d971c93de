import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../build.js';
import type { PublicationConfig } from '../publish/config.js';
import type { Cache } from './cache.js';
import { MARKER, MARKER_TEXT } from './write-dataset.js';

/**
 * Whether a release folder already holds what a build would write, so that a build whose
 * dataset did not change (nothing changed, or a change that says nothing new) need not make and
 * write every file again. The cache remembers, per release folder, the key of the inputs it was
 * last written from and every file's SHA-256; the folder counts as current only when the key is
 * the same and every file on disk still has that hash, and no file was added. Anything else
 * (a file edited by hand, a release from another build) means: write it again.
 */

/** Everything the release's bytes depend on: the code, the version, the publication settings and the dataset. */
export function releaseKey(fingerprint: string, version: string, config: PublicationConfig, dataset: Dataset): string {
  const hash = createHash('sha256').update(fingerprint).update('\0').update(version).update('\0').update(JSON.stringify(config));
  // a few records at a time, so a large dataset is never one string, nor a hash update per record
  for (const [table, records] of Object.entries(dataset) as [string, unknown[]][]) {
    hash.update(`\0${table}\0`);
    for (let start = 0; start < records.length; start += RECORDS_PER_UPDATE) hash.update(JSON.stringify(records.slice(start, start + RECORDS_PER_UPDATE)));
  }
  return hash.digest('hex');
}

/** Records stringified and hashed at once: their text stays a small string, and the calls' own cost does not count. */
const RECORDS_PER_UPDATE = 64;

interface Remembered {
  key: string;
  /** release-relative path → SHA-256 (hex) */
  files: Record<string, string>;
}

const entryKey = (outDir: string) => `release-of:${path.resolve(outDir)}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** True when `outDir` holds, byte for byte, the release last written there from inputs with this key. */
export async function releaseIsCurrent(outDir: string, key: string, cache: Cache): Promise<boolean> {
  const text = await cache.get(entryKey(outDir));
  if (text === undefined) return false;
  let remembered: Remembered;
  try {
    remembered = JSON.parse(text) as Remembered;
  } catch {
    return false;
  }
  if (remembered.key !== key) return false;
  const onDisk = await filesUnder(outDir).catch(() => undefined);
  if (!onDisk || onDisk.length !== Object.keys(remembered.files).length) return false;
  for (const rel of onDisk) {
    const expected = remembered.files[rel];
    if (expected === undefined) return false;
    const bytes = await readFile(path.join(outDir, rel)).catch(() => undefined);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== expected) return false;
  }
  return true;
}

/** Remember what was just written to `outDir`: each file's SHA-256, as made (the marker included). */
export async function rememberRelease(outDir: string, key: string, made: ReadonlyMap<string, { sha256: string }>, cache: Cache): Promise<void> {
  const files: Record<string, string> = {};
  for (const [rel, file] of [...made].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[rel] = file.sha256;
  files[MARKER] = createHash('sha256').update(MARKER_TEXT).digest('hex');
  await cache.set(entryKey(outDir), JSON.stringify({ key, files } satisfies Remembered));
}
