import type { Dataset } from '../build.js';
import { textParts, type FileContent } from './context.js';
import type { z } from 'zod';
import { TABLES, type Table } from './tables.js';

/** A record that fails its schema means the pipeline is wrong: stop rather than publish it. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}

/** What a record that fails its schema is reported as: the file, the record's index, the field and why. */
function invalidRecordMessage(table: Pick<Table, 'file'>, index: number, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${table.file}[${index}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'} (a bug in samverkan: nothing was written)`;
}

/** Why a table's record at `index` fails its schema (worded by invalidRecordMessage), or undefined when it passes. */
export function recordProblem(table: Table, record: unknown, index: number): string | undefined {
  const result = table.schema.safeParse(record);
  return result.success ? undefined : invalidRecordMessage(table, index, result.error);
}

export function validateDataset(dataset: Dataset): void {
  for (const table of TABLES) {
    dataset[table.key].forEach((record, i) => {
      const problem = recordProblem(table, record, i);
      if (problem !== undefined) throw new InvalidRecordError(problem);
    });
  }
}

/**
 * Told each table's JSON text as it is made: `items` the text of some of its records, as
 * elements of a JSON array without the brackets (in order, the next ones after those told
 * before), then `end` once all are told (see TableHelper, which makes the CSV files from it).
 */
export interface TableListener {
  items(table: keyof Dataset, text: string): void;
  end(table: keyof Dataset): void;
}

/** JSON as published: two-space indent, a final newline, keys in schema order. */
export function jsonFiles(dataset: Dataset, listener?: TableListener): Map<string, FileContent> {
  const files = new Map<string, FileContent>();
  for (const table of TABLES) {
    const records: readonly unknown[] = dataset[table.key];
    files.set(
      `data/${table.file}.json`,
      textParts(function* () {
        for (const part of jsonArrayParts(records, 0)) {
          // a part of items starts `[\n` or `,\n`; the last one closes the array
          if (listener && (part.startsWith('[\n') || part.startsWith(',\n'))) listener.items(table.key, part.slice(2));
          yield part;
        }
        listener?.end(table.key);
        yield '\n';
      }),
    );
  }
  return files;
}

/** Items stringified at once: few enough that their text stays a small string, enough that the calls' own cost does not count. */
const ITEMS_PER_PART = 16;

/**
 * `JSON.stringify(items, null, 2)` as it reads `depth` levels deep in a document, in parts of a
 * few items: the same text, never all in one string. Each part is JSON.stringify's own text for
 * those items, as an array wrapped `depth` times in an object (so indented as deep), without
 * the brackets: the elements of an array are written the same whatever array they are in.
 */
export function* jsonArrayParts(items: Iterable<unknown>, depth: number): Generator<string> {
  let batch: unknown[] = [];
  let empty = true;
  const part = (): string => {
    let value: unknown = batch;
    for (let level = 0; level < depth; level++) value = { '': value };
    const text = JSON.stringify(value, null, 2);
    // from after `[` and its newline to before the newline and indent of `]`
    const inner = text.slice(text.indexOf('[') + 2, text.lastIndexOf(']') - 1 - 2 * depth);
    const start = empty ? '[\n' : ',\n';
    [batch, empty] = [[], false];
    return start + inner;
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === ITEMS_PER_PART) yield part();
  }
  if (batch.length > 0) yield part();
  yield empty ? '[]' : `\n${'  '.repeat(depth)}]`;
}
