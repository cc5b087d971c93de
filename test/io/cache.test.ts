// The page cache's writer (pipeline/io/cache.ts): entries written as they come, a few at a time,
// each value made only when its turn comes, and every failure reported at the end.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheWriter, directoryCache, pruneCache, UNUSED_FOR_MS, type Cache } from '../../pipeline/io/cache.js';

const work = mkdtempSync(path.join(tmpdir(), 'samverkan-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A cache in memory whose writes finish only when told to, to see how many are under way. */
function slowCache() {
  const stored = new Map<string, string>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const cache: Cache = {
    get: async (key) => stored.get(key),
    set: async (key, value) => {
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      if (value === 'refuse') throw new Error(`ENOSPC: no space left for ${key}`);
      stored.set(key, value);
    },
  };
  /** Lets every write finish, those that start meanwhile too. */
  const finishAll = async () => {
    do {
      await new Promise((resolve) => setImmediate(resolve));
      waiting.splice(0).forEach((finish) => finish());
    } while (waiting.length > 0 || running > 0);
  };
  return { cache, stored, finishAll, most: () => most };
}

describe('cacheWriter', () => {
  it('writes every entry to a directory cache, where it reads back', async () => {
    const cache = directoryCache(path.join(work, 'cache'));
    const writer = cacheWriter(cache);
    for (let i = 0; i < 100; i++) writer.add(`page:${i}`, () => JSON.stringify({ page: i, text: 'Samverkan mot brott – å' }));
    await writer.flush();
    expect(readdirSync(path.join(work, 'cache'))).toHaveLength(100);
    expect(await cache.get('page:42')).toBe('{"page":42,"text":"Samverkan mot brott – å"}');
  });

  it('makes its folder again when it is removed between two writes', async () => {
    const dir = path.join(work, 'removed', 'cache');
    const cache = directoryCache(dir);
    await cache.set('page:1', 'first');
    rmSync(path.join(work, 'removed'), { recursive: true, force: true });
    await cache.set('page:2', 'second');
    expect(await cache.get('page:1')).toBeUndefined();
    expect(await cache.get('page:2')).toBe('second');
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('has at most a few writes under way, and makes each value only when its write starts', async () => {
    const { cache, stored, finishAll, most } = slowCache();
    const writer = cacheWriter(cache, 4);
    const made: number[] = [];
    for (let i = 0; i < 10; i++) {
      writer.add(`page:${i}`, () => {
        made.push(i);
        return `result ${i}`;
      });
    }
    expect(made).toEqual([]); // none has started: the writes begin on the next turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toEqual([0, 1, 2, 3]);
    const flushed = writer.flush();
    await finishAll();
    await flushed;
    expect(most()).toBe(4);
    expect(made).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...stored.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `page:${i}`).sort());
    expect(stored.get('page:7')).toBe('result 7');
  });

  it('goes on after a failed write, and throws the first failure once all are done', async () => {
    const { cache, stored, finishAll } = slowCache();
    const writer = cacheWriter(cache, 2);
    writer.add('page:a', () => 'kept');
    writer.add('page:b', () => 'refuse');
    writer.add('page:c', () => {
      throw new Error('cannot make this value');
    });
    writer.add('page:d', () => 'kept too');
    const flushed = writer.flush().then(
      () => 'no error',
      (error: unknown) => (error as Error).message,
    );
    await finishAll();
    expect(await flushed).toBe('ENOSPC: no space left for page:b');
    expect([...stored]).toEqual([
      ['page:a', 'kept'],
      ['page:d', 'kept too'],
    ]);
  });
});

describe('cache upkeep', () => {
  const hour = 3600 * 1000;
  const day = 24 * hour;
  const age = (file: string, ms: number, now = Date.now()) => utimesSync(file, (now - ms) / 1000, (now - ms) / 1000);
  const entries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.entry'));

  it('marks an entry used when it is read and was last used more than a day ago', async () => {
    const dir = path.join(work, 'upkeep-read');
    const cache = directoryCache(dir);
    await cache.set('old', 'old value');
    await cache.set('recent', 'recent value');
    const [oldFile, recentFile] = ['old', 'recent'].map((key) => path.join(dir, entries(dir).find((f) => readFileSync(path.join(dir, f), 'utf8').endsWith(`${key} value`)) as string));
    age(oldFile as string, 3 * day);
    age(recentFile as string, 2 * hour);
    const recentTime = statSync(recentFile as string).mtimeMs;
    expect(await cache.get('old')).toBe('old value');
    expect(await cache.get('recent')).toBe('recent value');
    expect(Date.now() - statSync(oldFile as string).mtimeMs).toBeLessThan(hour);
    expect(statSync(recentFile as string).mtimeMs).toBe(recentTime); // no write for an entry used today
  });

  it('removes entries unused for two weeks and half-written ones a day old, keeps the rest and the ones it is told to', async () => {
    const dir = path.join(work, 'upkeep-prune');
    const cache = directoryCache(dir);
    for (const key of ['fresh', 'stale', 'stale but kept']) await cache.set(key, key);
    const fileOf = (key: string) => path.join(dir, entries(dir).find((f) => readFileSync(path.join(dir, f), 'utf8').endsWith(`\n${key}`)) as string);
    const [fresh, stale, kept] = ['fresh', 'stale', 'stale but kept'].map(fileOf) as [string, string, string];
    age(fresh, UNUSED_FOR_MS - day);
    age(stale, UNUSED_FOR_MS + day);
    age(kept, UNUSED_FOR_MS + day);
    const oldTemp = path.join(dir, 'x.entry.abcd.tmp');
    const newTemp = path.join(dir, 'y.entry.abcd.tmp');
    writeFileSync(oldTemp, 'half');
    writeFileSync(newTemp, 'half');
    age(oldTemp, 2 * day);
    const other = path.join(dir, 'README');
    writeFileSync(other, 'not ours');
    age(other, 100 * day);
    expect(await pruneCache(dir, ['stale but kept'])).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([path.basename(fresh), path.basename(kept), 'README', 'pruned.stamp', 'y.entry.abcd.tmp'].sort());
    expect(await cache.get('fresh')).toBe('fresh');
    expect(await cache.get('stale')).toBeUndefined();
  });

  it('looks at the folder at most once a day', async () => {
    const dir = path.join(work, 'upkeep-daily');
    mkdirSync(dir);
    const cache = directoryCache(dir);
    const now = Date.now();
    expect(await pruneCache(dir, [], now)).toBe(0);
    await cache.set('stale', 'stale');
    const [stale] = entries(dir);
    age(path.join(dir, stale as string), UNUSED_FOR_MS + day, now);
    expect(await pruneCache(dir, [], now + 23 * hour)).toBeUndefined();
    expect(entries(dir)).toEqual([stale]);
    expect(await pruneCache(dir, [], now + 25 * hour)).toBe(1);
    expect(entries(dir)).toEqual([]);
  });

  it('does nothing where there is no cache folder yet', async () => {
    const dir = path.join(work, 'upkeep-none');
    expect(await pruneCache(dir)).toBeUndefined();
    mkdirSync(dir);
    expect(await pruneCache(dir)).toBe(0);
  });
});
