import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * Everything the release's bytes depend on: the code, the version, the publication settings and
 * what the dataset is made from (`inputsKey` of pipeline-run: the registry and every page's
 * bytes, sidecar and path). Hashing the inputs rather than the dataset's records costs
 * microseconds a page instead of a second at 10,000 pages; the dataset holds every page's hash,
 * so a page that changed changes the dataset anyway.
 */
export function releaseKey(fingerprint: string, version: string, config: PublicationConfig, inputsKey: string): string {
  return createHash('sha256').update(fingerprint).update('\0').update(version).update('\0').update(JSON.stringify(config)).update('\0').update(inputsKey).digest('hex');
}

interface Remembered {
  key: string;
  /** release-relative path → SHA-256 (hex) */
  files: Record<string, string>;
  /** what the build that wrote it said of it, for a build that finds it current to say again */
  summary?: unknown;
}

const entryKey = (outDir: string) => `release-of:${path.resolve(outDir)}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** True when `outDir` holds, byte for byte, the release last written there from inputs with this key. */
export async function releaseIsCurrent(outDir: string, key: string, cache: Cache): Promise<boolean> {
  return (await currentRelease(outDir, key, cache)) !== undefined;
}

/**
 * When `outDir` holds, byte for byte, the release last written there from inputs with this
 * key: what was remembered with it (`summary` undefined when none was). Else undefined.
 */
export async function currentRelease(outDir: string, key: string, cache: Cache): Promise<{ summary: unknown; files: ReadonlyMap<string, { sha256: string }> } | undefined> {
  const text = await cache.get(entryKey(outDir));
  if (text === undefined) return undefined;
  let remembered: Remembered;
  try {
    remembered = JSON.parse(text) as Remembered;
  } catch {
    return undefined;
  }
  if (remembered.key !== key || typeof remembered.files !== 'object' || remembered.files === null) return undefined;
  const onDisk = await filesUnder(outDir).catch(() => undefined);
  if (!onDisk || onDisk.length !== Object.keys(remembered.files).length) return undefined;
  for (const rel of onDisk) {
    const expected = remembered.files[rel];
    if (expected === undefined) return undefined;
    const bytes = await readFile(path.join(outDir, rel)).catch(() => undefined);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== expected) return undefined;
  }
  return { summary: remembered.summary, files: new Map(Object.entries(remembered.files).map(([rel, sha256]) => [rel, { sha256 }])) };
}

/**
 * Remember what was just written to `outDir`: each file's SHA-256, as made (the marker
 * included), and what the build said of it (plain data).
 */
export async function rememberRelease(outDir: string, key: string, made: ReadonlyMap<string, { sha256: string }>, cache: Cache, summary?: unknown): Promise<void> {
  const files: Record<string, string> = {};
  for (const [rel, file] of [...made].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[rel] = file.sha256;
  files[MARKER] = createHash('sha256').update(MARKER_TEXT).digest('hex');
  await cache.set(entryKey(outDir), JSON.stringify({ key, files, ...(summary === undefined ? {} : { summary }) } satisfies Remembered));
}
