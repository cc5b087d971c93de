// A worker thread of table-helper.ts: while the main thread writes the JSON files, this thread
// reads the same JSON text, checks every record against its schema and makes both CSV files of
// each table, as UTF-8 pieces sent back with their size and SHA-256 (see TableHelper).
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { BOM, canonicalRowsText, csvPaths, excelText, tableRows } from '../publish/csv.js';
import { recordProblem } from '../publish/json.js';
import { TABLES, type Table } from '../publish/tables.js';
import type { HelperAnswer, HelperRequest } from './table-helper.js';

const port = parentPort;
if (!port) throw new Error('table-worker.js runs as a worker thread of table-helper.js');

/** Characters gathered before they are encoded and sent: a few sends a megabyte. */
const SEND_CHARS = 1 << 18;

/** One file made here: text gathered, encoded and sent in pieces, measured as it goes. */
class Outgoing {
  private text = '';
  private readonly hash = createHash('sha256');
  private byteLength = 0;
  constructor(private readonly path: string) {}

  add(text: string): void {
    this.text += text;
    if (this.text.length >= SEND_CHARS) this.send();
  }

  end(): void {
    this.send();
    post({ path: this.path, end: { byteLength: this.byteLength, sha256: this.hash.digest('hex') } });
  }

  private send(): void {
    if (this.text === '') return;
    const piece = new TextEncoder().encode(this.text);
    this.text = '';
    this.hash.update(piece);
    this.byteLength += piece.byteLength;
    post({ path: this.path, piece }, [piece.buffer as ArrayBuffer]);
  }
}

const post = (answer: HelperAnswer, transfer: ArrayBuffer[] = []) => port.postMessage(answer, transfer);

/** A table as its records arrive: each checked, then written as rows of both CSV files. */
class TableState {
  private records = 0;
  private readonly canonical: Outgoing;
  private readonly excel: Outgoing;
  constructor(private readonly table: Table) {
    const paths = csvPaths(table);
    this.canonical = new Outgoing(paths.canonical);
    this.excel = new Outgoing(paths.excel);
  }

  /** false when a record fails its schema (said to the main thread) */
  add(records: unknown[]): boolean {
    for (const [i, record] of records.entries()) {
      const invalid = recordProblem(this.table, record, this.records + i);
      if (invalid !== undefined) {
        post({ invalid });
        return false;
      }
    }
    this.write(records);
    return true;
  }

  end(): void {
    if (this.records === 0) this.write([]); // the header alone
    this.canonical.end();
    this.excel.end();
  }

  private write(records: unknown[]): void {
    const rows = tableRows(this.table, records, this.records === 0);
    const text = canonicalRowsText(rows);
    this.canonical.add(text);
    this.excel.add((this.records === 0 ? BOM : '') + excelText(rows, text));
    this.records += records.length;
  }
}

const tables = new Map(TABLES.map((table) => [table.key as string, table as Table]));
let current: TableState | undefined;
let failed = false;

port.on('message', (request: HelperRequest) => {
  if (failed) return;
  if ('items' in request) {
    const table = tables.get(request.table);
    if (!table) throw new Error(`table-worker: no table ${request.table}`);
    current ??= new TableState(table);
    if (!current.add(JSON.parse(request.items) as unknown[])) failed = true;
    else post({ took: request.items.length });
  } else {
    const table = tables.get(request.end);
    if (!table) throw new Error(`table-worker: no table ${request.end}`);
    (current ?? new TableState(table)).end();
    current = undefined;
  }
});
post({ ready: true });
