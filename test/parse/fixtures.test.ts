/**
 * Fixture pairs: `fixtures/<case>.txt|md` beside `fixtures/<case>.json` (tree, file.data,
 * messages). Rewrite the expectations on purpose with `UPDATE=1 npx vitest run test/parse`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../pipeline/parse/index.js';
import { expectExactPositions } from './helpers.js';

const dir = new URL('./fixtures/', import.meta.url);
const update = process.env.UPDATE === '1';
const cases = readdirSync(fileURLToPath(dir)).filter((name) => /\.(txt|md)$/.test(name)).sort();

describe('parse fixtures', () => {
  it.each(cases)('%s', (name) => {
    const value = readFileSync(new URL(name, dir), 'utf8');
    const format = name.endsWith('.md') ? 'md' : 'txt';
    const file = new VFile({ path: `test/parse/fixtures/${name}`, value });
    const tree = parsePage(file, format);
    expectExactPositions(tree, value);
    const messages = file.messages.map((m) => ({
      reason: m.reason,
      ruleId: m.ruleId,
      source: m.source,
      fatal: m.fatal,
      place: m.place,
      ...(m.actual !== undefined && { actual: m.actual }),
      ...(m.expected !== undefined && { expected: m.expected }),
    }));
    const actual = JSON.parse(JSON.stringify({ tree, data: file.data, messages }));
    const expectedUrl = new URL(name.replace(/\.(txt|md)$/, '.json'), dir);
    if (update) writeFileSync(expectedUrl, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(expectedUrl), `${name}: run with UPDATE=1 to write its .json`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedUrl, 'utf8')));
  });
});
