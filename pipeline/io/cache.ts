import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
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

export function directoryCache(dir: string): Cache {
  const file = (key: string) => path.join(dir, `${digest(key)}.entry`);
  return {
    async get(key) {
      // read synchronously: an entry is one small file, and a build asks for thousands of them
      // at once, which as promises wait in turn for libuv's four threads (see readInside in read-pages.ts)
      let text: string;
      try {
        text = readFileSync(file(key), 'utf8');
      } catch {
        return undefined;
      }
      const newline = text.indexOf('\n');
      const [hash, storedKey] = text.slice(0, newline).split(' ');
      const body = text.slice(newline + 1);
      return hash === digest(body) && storedKey === digest(key) ? body : undefined;
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      // Write beside and rename, so a reader never sees half an entry.
      const temp = `${file(key)}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${digest(value)} ${digest(key)}\n${value}`);
      await rename(temp, file(key));
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

/** A cache that keeps nothing: for tests and for `--no-cache`. */
export const noCache: Cache = { get: async () => undefined, set: async () => undefined };
