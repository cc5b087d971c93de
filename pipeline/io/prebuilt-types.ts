import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TypesCache } from '../publish/schemas.js';

/**
 * `types/index.d.ts` compiled when samverkan itself is compiled (`npm run compile` runs
 * scripts/prebuild-types.ts), so that a build without a cache need not load json-schema-to-typescript
 * and prettier (about 0.4 s of a 2 s build of the bundled sources). The file holds the key the types
 * were compiled under and their SHA-256: a file from other schemas, or damaged, is not used.
 */
export const PREBUILT_TYPES_FILE = fileURLToPath(new URL('../../types-prebuilt.json', import.meta.url));

interface Prebuilt {
  key: string;
  sha256: string;
  types: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function readPrebuilt(file: string): Promise<Prebuilt | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Prebuilt>;
    if (typeof value.key !== 'string' || typeof value.types !== 'string' || value.sha256 !== sha256(value.types)) return undefined;
    return value as Prebuilt;
  } catch {
    return undefined;
  }
}

/** The prebuilt types when their key matches, else whatever `cache` holds; new entries go to `cache`. */
export function withPrebuiltTypes(cache: TypesCache | undefined, file = PREBUILT_TYPES_FILE): TypesCache {
  let prebuilt: Promise<Prebuilt | undefined> | undefined;
  return {
    async get(key) {
      prebuilt ??= readPrebuilt(file);
      const found = await prebuilt;
      if (found?.key === key) return found.types;
      return cache?.get(key);
    },
    async set(key, value) {
      await cache?.set(key, value);
    },
  };
}

/** Writes the file `withPrebuiltTypes` reads (beside and renamed, so no reader sees half of it). */
export async function writePrebuiltTypes(key: string, types: string, file = PREBUILT_TYPES_FILE): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ key, sha256: sha256(types), types } satisfies Prebuilt)}\n`);
  await rename(temp, file);
}
