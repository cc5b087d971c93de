// The page cache's writer (pipeline/io/cache.ts): entries written as they come, a few at a time,
// each value made only when its turn comes, and every failure reported at the end.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheWriter, directoryCache, type Cache } from '../../pipeline/io/cache.js';

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
