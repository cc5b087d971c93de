import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../build.js';
import { TABLES } from '../publish/tables.js';
import { InputError } from '../util/errors.js';

/** Tables added after the first releases: an older release without them reads as empty. */
const ADDED_LATER: ReadonlySet<keyof Dataset> = new Set(['crossSourceChecks']);

/** Enough schema problems to see what is wrong with a file, without flooding the terminal. */
const MAX_PROBLEMS = 20;

/** What makes a record unique in each table (memberships: one role per forum and participant). */
const KEYS: { readonly [K in keyof Dataset]: (record: Dataset[K][number]) => string } = {
  authorities: (r) => r.id,
  forums: (r) => r.id,
  memberships: (r) => `${r.forumId} ${r.authorityId}`,
  countChecks: (r) => r.id,
  crossSourceChecks: (r) => r.id,
  sources: (r) => r.id,
};

/**
 * Read a release folder written by `samverkan build` (its data/*.json) back into a Dataset.
 * Every record is checked against its schema; anything unusable is an InputError naming the file.
 */
export async function readRelease(dir: string): Promise<Dataset> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`${dir}: the release folder does not exist (expected data/*.json in it)`);
  const dataset: Partial<Record<keyof Dataset, unknown[]>> = {};
  for (const table of TABLES) {
    const file = path.join(dir, 'data', `${table.file}.json`);
    if (ADDED_LATER.has(table.key) && !(await stat(file).catch(() => undefined))) {
      dataset[table.key] = [];
      continue;
    }
    const records = parseJsonArray(await readText(file), file);
    const problems: string[] = [];
    records.forEach((record, i) => {
      const result = table.schema.safeParse(record);
      if (result.success) return;
      for (const issue of result.error.issues) problems.push(`[${i}]${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
    });
    if (problems.length > 0) throw new InputError(problemText(file, `${problems.length} schema problem(s) in ${table.file} records`, problems));
    dataset[table.key] = records;
  }
  const result = dataset as Dataset; // every key was set in the loop over TABLES, each array validated by its schema
  for (const table of TABLES) checkUniqueKeys(path.join(dir, 'data', `${table.file}.json`), result[table.key], KEYS[table.key] as (r: unknown) => string);
  return result;
}

function problemText(file: string, summary: string, problems: readonly string[]): string {
  const [only] = problems;
  if (problems.length === 1 && only !== undefined) return `${file}: ${only}`;
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p}`);
  if (problems.length > MAX_PROBLEMS) shown.push(`  … and ${problems.length - MAX_PROBLEMS} more`);
  return `${file}: ${summary}:\n${shown.join('\n')}`;
}

/** Two records with the same key would make the diff compare one of them only. */
function checkUniqueKeys(file: string, records: readonly unknown[], key: (record: unknown) => string): void {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  records.forEach((record, i) => {
    const k = key(record);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else problems.push(`[${i}]: the same key as [${first}] (\`${k}\`)`);
  });
  if (problems.length > 0) throw new InputError(problemText(file, `${problems.length} duplicate record(s)`, problems));
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the release file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function parseJsonArray(text: string, file: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's messages name a position only for some errors, and differ between Node versions: find it ourselves.
    const found = jsonSyntaxError(text);
    if (found === undefined) throw new InputError(`${file}: malformed JSON (${(error as Error).message.replace(/\s+/gu, ' ')})`);
    const before = text.slice(0, found.offset).split('\n');
    const got = found.offset < text.length ? JSON.stringify(text[found.offset]) : 'end of file';
    throw new InputError(`${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}: malformed JSON (Unexpected ${got}, expected ${found.expected})`);
  }
  if (!Array.isArray(value)) throw new InputError(`${file}: unexpected ${value === null ? 'null' : typeof value}, expected a JSON array of records`);
  return value;
}

/** Where JSON text first goes wrong (RFC 8259 grammar), or undefined when it is valid. */
export function jsonSyntaxError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  class Stop {
    constructor(readonly expected: string) {}
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const sticky = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) return false;
    i = pattern.lastIndex;
    return true;
  };
  const eat = (token: string, expected: string) => {
    if (!text.startsWith(token, i)) throw new Stop(expected);
    i += token.length;
  };
  const string = () => {
    eat('"', 'a string');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') throw new Stop('the end of the string');
      if (c === '"') break;
      if (c !== '\\') i++;
      else if (!sticky(/\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/uy)) throw new Stop('an escape sequence');
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        eat(':', '":"');
        value();
        ws();
        if (text[i] === '}') return void i++;
        eat(',', '"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ']') return void i++;
        eat(',', '"," or "]"');
      }
    }
    if (c === '"') return string();
    if (!sticky(/true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy)) throw new Stop('a value');
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop('the end of the file');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: i, expected: error.expected };
    throw error;
  }
}
