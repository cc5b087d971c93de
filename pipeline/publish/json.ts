import type { Dataset } from '../build.js';
import { utf8 } from './context.js';
import { TABLES } from './tables.js';

/** A record that fails its schema means the pipeline is wrong: stop rather than publish it. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}

export function validateDataset(dataset: Dataset): void {
  for (const table of TABLES) {
    dataset[table.key].forEach((record, i) => {
      const result = table.schema.safeParse(record);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new InvalidRecordError(`${table.file}[${i}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'} (a bug in samverkan: nothing was written)`);
      }
    });
  }
}

/** JSON as published: two-space indent, a final newline, keys in schema order. */
export function jsonFiles(dataset: Dataset): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const table of TABLES) files.set(`data/${table.file}.json`, utf8(`${JSON.stringify(dataset[table.key], null, 2)}\n`));
  return files;
}
