import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrebuiltTypes, writePrebuiltTypes } from '../../pipeline/io/prebuilt-types.js';
import { compileTypes } from '../../pipeline/publish/schemas.js';
import { projectRoot } from '../helpers/pipeline.js';

/** A cache in a map, recording what was asked of it. */
function mapCache(entries: Record<string, string> = {}) {
  const store = new Map(Object.entries(entries));
  const asked: string[] = [];
  return {
    store,
    asked,
    get: async (key: string) => {
      asked.push(key);
      return store.get(key);
    },
    set: async (key: string, value: string) => void store.set(key, value),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'samverkan-prebuilt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withPrebuiltTypes', () => {
  it('answers from the prebuilt file when the key matches, without asking the cache', async () => {
    const file = path.join(dir, 'match.json');
    await writePrebuiltTypes('types:abc', 'export interface Harbour { berth: string; }\n', file);
    const cache = mapCache({ 'types:abc': 'from the cache' });
    expect(await withPrebuiltTypes(cache, file).get('types:abc')).toBe('export interface Harbour { berth: string; }\n');
    expect(cache.asked).toEqual([]);
  });

  it('asks the cache when the file was compiled under another key (other schemas)', async () => {
    const file = path.join(dir, 'other-key.json');
    await writePrebuiltTypes('types:old', 'export interface Old {}\n', file);
    const cache = mapCache({ 'types:new': 'export interface New {}\n' });
    const types = withPrebuiltTypes(cache, file);
    expect(await types.get('types:new')).toBe('export interface New {}\n');
    expect(await types.get('types:missing')).toBeUndefined();
    expect(cache.asked).toEqual(['types:new', 'types:missing']);
  });

  it('does not trust a damaged file: an edited body, cut-off JSON, or no file at all', async () => {
    const edited = path.join(dir, 'edited.json');
    await writePrebuiltTypes('types:abc', 'export interface Harbour { berth: string; }\n', edited);
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('berth', 'quay'));
    const cut = path.join(dir, 'cut.json');
    await writePrebuiltTypes('types:abc', 'export interface Harbour {}\n', cut);
    await writeFile(cut, (await readFile(cut, 'utf8')).slice(0, 30));
    for (const file of [edited, cut, path.join(dir, 'absent.json')]) {
      expect(await withPrebuiltTypes(undefined, file).get('types:abc')).toBeUndefined();
      expect(await withPrebuiltTypes(mapCache({ 'types:abc': 'cached' }), file).get('types:abc')).toBe('cached');
    }
  });

  it('stores newly compiled types in the cache it wraps', async () => {
    const cache = mapCache();
    await withPrebuiltTypes(cache, path.join(dir, 'absent.json')).set('types:xyz', 'export type X = 1;\n');
    expect(cache.store.get('types:xyz')).toBe('export type X = 1;\n');
  });
});

describe('the prebuilt file npm run compile writes', () => {
  it('holds exactly what compileTypes makes from the current schemas', async () => {
    // make test compiles first, so build/ holds the file of these sources.
    const file = path.join(projectRoot, 'build/types-prebuilt.json');
    const asked: string[] = [];
    const compiled = await compileTypes({ get: async (key) => void asked.push(key), set: async () => undefined });
    expect(asked).toHaveLength(1);
    expect(await withPrebuiltTypes(undefined, file).get(asked[0] as string)).toBe(compiled);
    expect(compiled).toContain('export interface Membership');
  });
});
