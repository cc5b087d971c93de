import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
      const text = await readFile(file(key), 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
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

/** A cache that keeps nothing: for tests and for `--no-cache`. */
export const noCache: Cache = { get: async () => undefined, set: async () => undefined };
