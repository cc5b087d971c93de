import { Worker } from 'node:worker_threads';
import type { Dataset } from '../build.js';
import type { MadeFile } from '../publish/context.js';
import type { TableListener } from '../publish/json.js';

/** What the main thread sends the table thread: some records of a table as JSON array elements, or that a table is all sent. */
export type HelperRequest = { table: string; items: string } | { end: string };

/** What the table thread answers: loaded; how many characters of JSON it has taken in; a piece of a CSV file; a file's end with its size and hash; a record that failed its schema. */
export type HelperAnswer = { ready: true } | { took: number } | { path: string; piece: Uint8Array } | { path: string; end: MadeFile } | { invalid: string };

/**
 * A second thread for the release's table files. The main thread tells it each table's JSON
 * text while it writes the JSON files (`listener`); the helper checks every record against its
 * schema and makes both CSV files of every table meanwhile, which the main thread then writes
 * from the pieces it sends (`file`). Made from the JSON text as published, they are the files
 * the CSV writer makes from the records (a test compares them).
 */
export interface TableHelper {
  listener: TableListener;
  /** Settles once the thread has loaded (true) or failed to (false). */
  ready(): Promise<boolean>;
  /**
   * Settles once the thread is at most BACKLOG characters of JSON behind what it was told (or
   * has failed). The JSON is made faster than it is taken in: told all at once it would wait in
   * the thread's queue, a hundred megabytes at 10,000 pages.
   */
  room(): Promise<void>;
  /** Settles once every record told has been checked; rejects when one failed (see `invalid`) or the thread stopped. */
  checked(): Promise<void>;
  /** The first record that failed its schema, worded as validateDataset words it; none so far when undefined. */
  invalid(): string | undefined;
  /**
   * A CSV file's pieces as they come (read once); `started` once the first has come (or the
   * file's end), rejected when the helper fails first; its size and hash once all have come.
   */
  file(path: string): { started: Promise<void>; pieces: AsyncIterable<Uint8Array>; made: Promise<MadeFile> };
  close(): Promise<void>;
}

/** Characters of JSON text gathered before they are sent: messages a few hundred kB each. */
const SEND_CHARS = 1 << 18;

/** Characters of JSON the thread may be behind (see `room`): a few messages. */
const BACKLOG = 1 << 22;

interface Incoming {
  pieces: Uint8Array[];
  made?: MadeFile;
  /** wakes the reader waiting for a piece or the end */
  wake?: () => void;
  started: Promise<void>;
  start: (failed?: Error) => void;
}

export function startTableHelper(script = new URL('./table-worker.js', import.meta.url)): TableHelper {
  // What the thread keeps is a message and a few rows: a heap kept small is collected often, instead of growing with garbage.
  const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 } });
  const files = new Map<string, Incoming>();
  const incoming = (path: string): Incoming => {
    let file = files.get(path);
    if (!file) {
      let start: Incoming['start'] = () => undefined;
      const started = new Promise<void>((resolve, reject) => (start = (failed) => (failed ? reject(failed) : resolve())));
      started.catch(() => undefined); // a file whose writing never began: the failure is reported where it is awaited
      files.set(path, (file = { pieces: [], started, start }));
    }
    return file;
  };
  let stopped: Error | undefined;
  let invalid: string | undefined;
  // why the helper cannot go on (a record failed, or the thread stopped); none so far when undefined
  const failure = () => (invalid !== undefined ? new Error(invalid) : stopped);
  let sent = 0;
  let took = 0;
  let wakeRoom: (() => void) | undefined;
  const wakeAll = () => {
    wakeRoom?.();
    const failed = failure();
    for (const file of files.values()) {
      if (failed) file.start(failed);
      file.wake?.();
    }
    wakeChecked?.();
  };
  // Tables told to end, and those whose canonical file has ended: once as many, all records are checked.
  let ended = 0;
  let told = 0;
  let wakeChecked: (() => void) | undefined;
  let loaded: (yes: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (loaded = resolve));
  worker.on('message', (answer: HelperAnswer) => {
    if ('ready' in answer) loaded(true);
    else if ('took' in answer) {
      took += answer.took;
      if (sent - took <= BACKLOG) wakeRoom?.();
    } else if ('invalid' in answer) {
      invalid = answer.invalid;
      wakeAll();
    } else if ('piece' in answer) {
      const file = incoming(answer.path);
      file.pieces.push(answer.piece);
      file.start();
      file.wake?.();
    } else if ('end' in answer) {
      const file = incoming(answer.path);
      file.made = answer.end;
      file.start();
      if (!answer.path.startsWith('data/excel/')) ended++;
      file.wake?.();
      wakeChecked?.();
    }
  });
  worker.on('error', (error) => {
    stopped = error;
    loaded(false);
    wakeAll();
  });
  worker.on('exit', (code) => {
    stopped ??= new Error(`the table thread stopped (exit code ${code})`);
    loaded(false);
    wakeAll();
  });

  let text = '';
  let table: string | undefined;
  const send = () => {
    if (text === '' || table === undefined) return;
    const items = `[${text}]`;
    worker.postMessage({ table, items } satisfies HelperRequest);
    sent += items.length;
    text = '';
  };
  return {
    ready: () => ready,
    async room() {
      while (sent - took > BACKLOG && failure() === undefined) await new Promise<void>((resolve) => (wakeRoom = resolve));
      wakeRoom = undefined;
    },
    invalid: () => invalid,
    listener: {
      items(key: keyof Dataset, items: string) {
        if (table !== key) send();
        table = key;
        text = text === '' ? items : `${text},\n${items}`;
        if (text.length >= SEND_CHARS) send();
      },
      end(key: keyof Dataset) {
        if (table === key) send();
        table = undefined;
        worker.postMessage({ end: key } satisfies HelperRequest);
        told++;
      },
    },
    async checked() {
      // Asked once every table is told. A table's canonical file ends once all its records are checked and written.
      while (failure() === undefined && ended < told) await new Promise<void>((resolve) => (wakeChecked = resolve));
      wakeChecked = undefined;
      const failed = failure();
      if (failed) throw failed;
    },
    file(path: string) {
      const file = incoming(path);
      let resolveMade: (made: MadeFile) => void;
      let rejectMade: (error: Error) => void;
      const made = new Promise<MadeFile>((resolve, reject) => ([resolveMade, rejectMade] = [resolve, reject]));
      made.catch(() => undefined); // the reader's own failure is the one reported
      return {
        started: file.started,
        made,
        pieces: {
          async *[Symbol.asyncIterator]() {
            for (;;) {
              const piece = file.pieces.shift();
              if (piece) {
                yield piece;
                continue;
              }
              if (file.made) {
                files.delete(path);
                resolveMade(file.made);
                return;
              }
              const failed = failure();
              if (failed) {
                rejectMade(failed);
                throw failed;
              }
              await new Promise<void>((resolve) => (file.wake = resolve));
              file.wake = undefined;
            }
          },
        },
      };
    },
    async close() {
      await worker.terminate();
    },
  };
}
