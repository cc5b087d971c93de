import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, openSync, readSync } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A content-addressed cache outside dist/ (default `.cache/samverkan/`, ignored by git): an entry
 * is stored with the SHA-256 of its content and read back only when that still matches, so a
 * corrupt or cut-off entry is rebuilt, never trusted. Keys already include every input's hash.
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** An entry unused this long is removed by `pruneCache`. */
export const UNUSED_FOR_MS = 14 * 24 * 3600 * 1000;
/** An entry's time of last use is brought up to date when it is older than this: one write a day at most. */
const REFRESH_AFTER_MS = 24 * 3600 * 1000;
/** `pruneCache` looks at the folder at most this often. */
const PRUNE_EVERY_MS = 24 * 3600 * 1000;
/** A half-written entry (`.tmp`) this old was left by a build that was stopped: removed. */
const TEMP_STALE_MS = 24 * 3600 * 1000;
const PRUNED_STAMP = 'pruned.stamp';

/**
 * An entry's text. Its modification time tells when a build last used it (see `pruneCache`):
 * when older than a day, it is set to now (on the open file: no second look-up).
 */
function readEntry(file: string, time: number): string {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, bytes, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    if (time - info.mtimeMs > REFRESH_AFTER_MS) {
      try {
        futimesSync(fd, time / 1000, time / 1000);
      } catch {
        // a cache on a read-only disk still answers
      }
    }
    return bytes.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

export function directoryCache(dir: string, now: () => number = Date.now): Cache {
  const file = (key: string) => path.join(dir, `${digest(key)}.entry`);
  let made: Promise<unknown> | undefined;
  return {
    async get(key) {
      // read synchronously: an entry is one small file, and a build asks for thousands of them
      // at once, which as promises wait in turn for libuv's four threads (see readInside in read-pages.ts)
      let text: string;
      try {
        text = readEntry(file(key), now());
      } catch {
        return undefined;
      }
      const newline = text.indexOf('\n');
      const [hash, storedKey] = text.slice(0, newline).split(' ');
      const body = text.slice(newline + 1);
      return hash === digest(body) && storedKey === digest(key) ? body : undefined;
    },
    async set(key, value) {
      // The folder is made once a cache, not once an entry (a build writes thousands), and again
      // if it went away meanwhile.
      made ??= mkdir(dir, { recursive: true });
      await made;
      // Write beside and rename, so a reader never sees half an entry.
      const entry = file(key);
      const temp = `${entry}.${randomBytes(4).toString('hex')}.tmp`;
      const text = `${digest(value)} ${digest(key)}\n${value}`;
      try {
        await writeFile(temp, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await mkdir(dir, { recursive: true });
        await writeFile(temp, text);
      }
      await rename(temp, entry);
    },
  };
}

/** Entries for the cache, written as they come; `flush` waits for all of them and throws the first failure. */
export interface CacheWriter {
  add(key: string, value: () => string): void;
  flush(): Promise<void>;
}

/**
 * Writes a few entries at a time, each value made only when its turn comes: 10,000 pages'
 * texts written at once would all be in memory twice over (as strings and as the buffers being
 * written), and texts kept to be written later would be in memory meanwhile. A write takes a
 * few turns of the event loop, and while pages are computed a turn comes only between batches:
 * enough writes are under way at once to keep up with the pages computed.
 */
export function cacheWriter(cache: Cache, inFlight = 32): CacheWriter {
  let waiting: ({ key: string; value: () => string } | undefined)[] = [];
  let next = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  let idle: (() => void) | undefined;
  const start = (): void => {
    for (let entry = waiting[next]; running < inFlight && entry; entry = waiting[next]) {
      waiting[next++] = undefined; // its text is let go once written
      running++;
      const { key, value } = entry;
      Promise.resolve()
        .then(() => cache.set(key, value()))
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => {
          running--;
          start();
          if (running === 0) idle?.();
        });
    }
    if (next === waiting.length) [waiting, next] = [[], 0];
  };
  return {
    add(key, value) {
      waiting.push({ key, value });
      start();
    },
    async flush() {
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
      if (failure) throw failure.error;
    },
  };
}

/**
 * The cache build and check share: `.cache/samverkan/` under the folder samverkan runs in, or
 * the folder SAMVERKAN_CACHE names; none with SAMVERKAN_CACHE=off.
 */
export function cacheFromEnvironment(env: NodeJS.ProcessEnv = process.env): { dir: string; cache: Cache } | undefined {
  const dir = env.SAMVERKAN_CACHE ?? '.cache/samverkan';
  return dir === 'off' ? undefined : { dir, cache: directoryCache(dir) };
}

/** A cache that keeps nothing: for tests and for `--no-cache`. */
export const noCache: Cache = { get: async () => undefined, set: async () => undefined };

/**
 * Keep a cache folder from growing without end: every page ever built and every version of the
 * code leave entries. Removes entries no build has used for `UNUSED_FOR_MS` (reading one marks
 * it used, see `readEntry`; writing one is using it), except those under the keys in `keep`
 * (the pages of the build that asks: a build that finds its release current reads none of
 * them), and half-written ones left by a stopped build; it looks at the folder at most once a
 * day. Returns how many files it removed, or undefined when it did not look. A file that cannot
 * be removed is left (the next look tries again).
 */
export async function pruneCache(dir: string, keep: Iterable<string> = [], time: number = Date.now()): Promise<number | undefined> {
  const stamp = path.join(dir, PRUNED_STAMP);
  const last = await stat(stamp).then((s) => s.mtimeMs, () => undefined);
  if (last !== undefined && time - last < PRUNE_EVERY_MS && last <= time) return undefined;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined; // no cache folder yet
  }
  await writeFile(stamp, '').catch(() => undefined);
  await utimes(stamp, time / 1000, time / 1000).catch(() => undefined);
  const kept = new Set<string>();
  for (const key of keep) kept.add(`${digest(key)}.entry`);
  let removed = 0;
  for (const name of names) {
    if (kept.has(name)) continue;
    const maxAge = name.endsWith('.entry') ? UNUSED_FOR_MS : name.endsWith('.tmp') ? TEMP_STALE_MS : undefined;
    if (maxAge === undefined) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || time - info.mtimeMs <= maxAge) continue;
    if (await unlink(file).then(() => true, () => false)) removed++;
  }
  return removed;
}