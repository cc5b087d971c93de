import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { jsonSyntaxError, readRelease } from '../../pipeline/io/read-release.js';
import { jsonFiles } from '../../pipeline/publish/json.js';
import { InputError } from '../../pipeline/util/errors.js';
import { projectDataset } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';

let tmp: string;
let dataset: Dataset;

/** A release folder holding the project's dataset as `build` writes it, with `edit` applied to one file. */
function release(name: string, edit?: { file: string; text: string | undefined }): string {
  const dir = path.join(tmp, name);
  for (const [rel, bytes] of inMemory(jsonFiles(dataset))) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    if (edit?.file === rel && edit.text === undefined) continue;
    writeFileSync(path.join(dir, rel), edit?.file === rel && edit.text !== undefined ? edit.text : bytes);
  }
  return dir;
}

async function failure(dir: string): Promise<string> {
  const error = await readRelease(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'samverkan-read-release-'));
  dataset = (await projectDataset()).dataset;
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('readRelease', () => {
  it('reads back what the JSON writer wrote', async () => {
    expect(dataset.forums.length).toBeGreaterThan(0);
    expect(await readRelease(release('ok'))).toEqual(dataset);
  });

  it('names a missing folder', async () => {
    const dir = path.join(tmp, 'nothing-here');
    expect(await failure(dir)).toBe(`${dir}: the release folder does not exist (expected data/*.json in it)`);
  });

  it('names a missing file', async () => {
    const dir = release('no-sources', { file: 'data/sources.json', text: undefined });
    expect(await failure(dir)).toBe(`${path.join(dir, 'data/sources.json')}: cannot read the release file (ENOENT)`);
  });

  it('reads a release from before cross-source checks as having none, and checks the file when there', async () => {
    expect(dataset.crossSourceChecks).toEqual([]);
    const dir = release('no-cross-source-checks', { file: 'data/cross-source-checks.json', text: undefined });
    expect(await readRelease(dir)).toEqual(dataset);
    const broken = release('bad-cross-source-check', { file: 'data/cross-source-checks.json', text: '[{"id": "x", "forumId": "f", "rule": "count-mismatch"}]\n' });
    expect((await failure(broken)).split('\n')[0]).toMatch(new RegExp(`^${escape(path.join(broken, 'data/cross-source-checks.json'))}: \\d+ schema problem\\(s\\) in cross-source-checks records:$`, 'u'));
  });

  it('names a file that is not JSON, with the line', async () => {
    const dir = release('bad-json', { file: 'data/forums.json', text: '[\n  {"id": "a"},\n  oops\n]\n' });
    expect(await failure(dir)).toBe(`${path.join(dir, 'data/forums.json')}:3:3: malformed JSON (Unexpected "o", expected a value)`);
  });

  it('names a file that is not an array', async () => {
    const dir = release('object', { file: 'data/memberships.json', text: '{"memberships": []}\n' });
    expect(await failure(dir)).toBe(`${path.join(dir, 'data/memberships.json')}: unexpected object, expected a JSON array of records`);
  });

  it('names every record that fails its schema, by index and dotted path', async () => {
    const authorities = structuredClone(dataset.authorities);
    const [first, second] = authorities;
    if (!first || !second) throw new Error('the project dataset has fewer than two authorities');
    first.orgNumber = '202100-0000';
    (second.name as Record<string, unknown>).sv = 42;
    const dir = release('schema', { file: 'data/authorities.json', text: JSON.stringify(authorities) });
    const message = await failure(dir);
    expect(message.split('\n')).toEqual([
      `${path.join(dir, 'data/authorities.json')}: 2 schema problem(s) in authorities records:`,
      '  [0].orgNumber: an organisation number whose last digit is a valid Luhn check digit',
      expect.stringMatching(/^ {2}\[1\]\.name\.sv: /u),
    ]);
  });

  it('names a single schema problem on one line', async () => {
    const forums = structuredClone(dataset.forums);
    (forums[0] as Record<string, unknown>).colour = 'blue';
    const dir = release('extra-key', { file: 'data/forums.json', text: JSON.stringify(forums) });
    expect(await failure(dir)).toMatch(new RegExp(`^${escape(path.join(dir, 'data/forums.json'))}: \\[0\\]: .*colour`));
  });

  it('refuses two records with the same key', async () => {
    const memberships = [...dataset.memberships];
    const [first] = memberships;
    if (!first) throw new Error('the project dataset has no memberships');
    memberships.push({ ...first, role: first.role === 'lead' ? 'member' : 'lead' });
    const dir = release('duplicate', { file: 'data/memberships.json', text: JSON.stringify(memberships) });
    expect(await failure(dir)).toBe(`${path.join(dir, 'data/memberships.json')}: [${memberships.length - 1}]: the same key as [0] (\`${first.forumId} ${first.authorityId}\`)`);
  });
});

describe('jsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e5\\n"]} \n', '"å"', '0']) expect(jsonSyntaxError(text)).toBeUndefined();
  });

  it('finds where JSON first goes wrong, as JSON.parse would reject it', () => {
    const cases: [string, number, string][] = [
      ['[1,]', 3, 'a value'],
      ['{"a" 1}', 5, '":"'],
      ['{"a": 1,}', 8, 'a string'],
      ['[1 2]', 3, '"," or "]"'],
      ['{"a": 1 "b": 2}', 8, '"," or "}"'],
      ['"tab\there"', 4, 'the end of the string'],
      ['"\\x"', 1, 'an escape sequence'],
      ['[01]', 2, '"," or "]"'],
      ['[] []', 3, 'the end of the file'],
      ['\uFEFF[]', 0, 'a value'],
      ['[', 1, 'a value'],
    ];
    for (const [text, offset, expected] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonSyntaxError(text), text).toEqual({ offset, expected });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
