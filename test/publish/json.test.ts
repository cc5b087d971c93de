// The JSON files and the JSON-LD graph are written a few records at a time (jsonArrayParts),
// never as one string: the text must be JSON.stringify's, byte for byte, at any depth.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { jsonArrayParts, jsonFiles } from '../../pipeline/publish/json.js';
import { TABLES } from '../../pipeline/publish/tables.js';
import { inMemory } from '../helpers/files.js';
import { projectDataset } from '../helpers/pipeline.js';
import { numRuns } from '../properties/arbitraries.js';

/** The items `depth` objects deep, as JSON.stringify writes the whole. */
function stringifiedNested(items: unknown[], depth: number): string {
  let value: unknown = items;
  for (let level = 0; level < depth; level++) value = { key: value };
  return JSON.stringify(value, null, 2);
}

/** An array's text put `depth` objects deep, by hand. */
function nestedByHand(arrayText: string, depth: number): string {
  let text = arrayText;
  for (let level = depth - 1; level >= 0; level--) {
    const indent = '  '.repeat(level);
    text = `{\n${indent}  "key": ${text}\n${indent}}`;
  }
  return text;
}

describe('jsonArrayParts', () => {
  it('gives the text JSON.stringify gives, at the top level and nested, for any values', () => {
    const item = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string({ unit: 'binary' }), fc.array(fc.string({ unit: 'grapheme' })));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (items, depth) => {
        expect(nestedByHand([...jsonArrayParts(items, depth)].join(''), depth)).toBe(stringifiedNested(items, depth));
      }),
      { numRuns: numRuns(200) },
    );
  });

  it('writes an empty array as [], and what JSON has no value for as null', () => {
    expect([...jsonArrayParts([], 0)]).toEqual(['[]']);
    expect([...jsonArrayParts([], 2)]).toEqual(['[]']);
    expect([...jsonArrayParts([undefined, () => 1, { a: undefined, b: [undefined] }], 0)].join('')).toBe('[\n  null,\n  null,\n  {\n    "b": [\n      null\n    ]\n  }\n]');
    expect([...jsonArrayParts([{ a: 'x\ny' }], 1)].join('')).toBe('[\n    {\n      "a": "x\\ny"\n    }\n  ]');
  });

  it('comes in parts of a few items, so that no part is the whole text', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ i, name: `Myndighet ${i}`, list: [i, i + 1] }));
    const parts = [...jsonArrayParts(items, 0)];
    expect(parts.length).toBeGreaterThan(5);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(JSON.stringify(items, null, 2).length / 5);
    expect(parts.join('')).toBe(JSON.stringify(items, null, 2));
  });
});

describe('jsonFiles', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = (await projectDataset()).dataset;
  });

  it('writes each table as JSON.stringify with two spaces and a final newline', () => {
    const files = inMemory(jsonFiles(dataset));
    expect([...files.keys()]).toEqual(TABLES.map((t) => `data/${t.file}.json`));
    for (const table of TABLES) {
      expect(new TextDecoder().decode(files.get(`data/${table.file}.json`)), table.file).toBe(`${JSON.stringify(dataset[table.key], null, 2)}\n`);
    }
    expect(dataset.memberships.length).toBeGreaterThan(16); // more than one part
  });

  it('gives the same text each time its parts are read', () => {
    const file = jsonFiles(dataset).get('data/memberships.json') as Iterable<string>;
    expect([...file].join('')).toBe([...file].join(''));
    expect([...file].join('')).toContain('"forumId"');
  });
});
