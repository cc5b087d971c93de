/**
 * `record[word]` for a lexicon's record of words (numbers, months), answered from a Map. Every
 * word of a page is looked up, and an object looks a word up by its interned string, which a
 * token's fresh string is not: a Map is several times faster.
 */
const maps = new WeakMap<Readonly<Record<string, number>>, Map<string, unknown>>();
let lastRecord: Readonly<Record<string, number>> | undefined;
let lastMap = new Map<string, unknown>();

export function wordValue(record: Readonly<Record<string, number>>, word: string): number | undefined {
  if (record !== lastRecord) {
    let map = maps.get(record);
    if (!map) {
      map = new Map(Object.entries(record));
      // What the object inherits ("constructor") reads as it always did, so that no result changes.
      for (const name of Object.getOwnPropertyNames(Object.prototype)) if (!map.has(name)) map.set(name, record[name]);
      maps.set(record, map);
    }
    lastRecord = record;
    lastMap = map;
  }
  return lastMap.get(word) as number | undefined;
}
