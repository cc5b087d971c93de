import { stringify, type Options } from 'csv-stringify/sync';
import type { Dataset } from '../build.js';
import { textParts, type FileContent, type PublishContext, type Writer } from './context.js';
import { cellText, TABLES, type Table } from './tables.js';

/**
 * Quote a cell that starts or ends with white space although RFC 4180 does not require it:
 * spaces are data there, but some readers (and "trim" options) drop them from unquoted cells.
 * Without the `u` flag, as csv-stringify runs it on every cell: `\s` matches the same code units
 * either way (all of them in the BMP), and the plain regexp is a third faster.
 */
const edgeSpace = /^\s|\s$/;

/**
 * The canonical CSV: RFC 4180 (`,`, `"`, CRLF between records and after the last one),
 * UTF-8 without BOM, quoted only when needed. Every value is kept exactly as the JSON has it.
 */
const canonical: Options = {
  delimiter: ',',
  record_delimiter: '\r\n',
  // Needed: once record_delimiter is set, csv-stringify quotes only cells holding that exact
  // sequence, so a lone \n or \r would end the record for most readers.
  quote_record_delimiter: true,
  quoted_match: edgeSpace,
};

/**
 * For spreadsheets set to Swedish: the BOM makes Excel read UTF-8 (å, ä, ö) instead of the
 * ANSI code page, and `;` because the comma is the decimal mark there.
 *
 * `escape_formulas` is csv-stringify's take on OWASP's CSV-injection advice: a cell starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, placed inside the
 * quotes, so the spreadsheet shows text instead of running a formula. It also covers the
 * full-width `＝＋－＠`, which Apple Numbers normalises into formula characters. Its one
 * exception (a `-` is left alone when the original value is a number) never applies: every
 * cell reaches it as a string from `cellText`. OWASP's other concern, a separator or quote
 * starting a new cell mid-value, is handled by RFC 4180 quoting (such cells are quoted and
 * their quotes doubled), as in OWASP's own examples.
 *
 * The BOM is not csv-stringify's: the file's first part starts with it (see `tableCsvFiles`).
 */
const excel: Options = {
  ...canonical,
  delimiter: ';',
  escape_formulas: true,
};

/** The UTF-8 byte order mark, as text: what csv-stringify's `bom` option writes. */
export const BOM = '\uFEFF';

/**
 * Records per call of csv-stringify: few enough that a batch's text (rows of a few kB at most)
 * stays a small string that dies young, enough that the calls' own cost does not count.
 */
const ROWS_PER_PART = 32;

/** A table's two CSV files: the canonical one, and the one for Excel. */
export const csvPaths = (table: Pick<Table, 'file'>): { canonical: string; excel: string } => ({ canonical: `data/${table.file}.csv`, excel: `data/excel/${table.file}.csv` });

/** Records as rows of cells, the column names first when `header` (the first batch of a file). */
export function tableRows(table: Table, records: readonly unknown[], header: boolean): string[][] {
  const rows = records.map((record) => table.columns.map((column) => cellText(column as Table['columns'][number], record as Dataset[keyof Dataset][number])));
  if (header) rows.unshift(table.columns.map((c) => c.name));
  return rows;
}

/**
 * A table's rows as cells, a batch at a time: the column names first (so that even an empty
 * table gets its header), then one row per record. Each cell is computed once, for both variants.
 */
function* rowBatches(table: Table, dataset: Dataset): Generator<string[][]> {
  const records: readonly Dataset[keyof Dataset][number][] = dataset[table.key];
  let start = 0;
  do {
    yield tableRows(table, records.slice(start, start + ROWS_PER_PART), start === 0);
    start += ROWS_PER_PART;
  } while (start < records.length);
}

/** A character either variant quotes a cell for or quotes around: the delimiters, the quote, a line break. */
const quotedInEither = /[,;"\r\n]/u;
/** A first character `escape_formulas` neutralises (its list in csv-stringify 6.9). */
const formulaStart = /^[-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * Whether csv-stringify writes the row the same with either options but for the delimiter.
 * It does when no cell holds `,` `;` `"` or a line break, nor starts like a formula: then the
 * only other reason to quote (`quoted_match`) is the same in both, `escape_formulas` changes
 * nothing, and the canonical text's commas are exactly its delimiters.
 */
const sameButDelimiter = (row: readonly string[]): boolean => row.every((cell) => !quotedInEither.test(cell) && !formulaStart.test(cell));

/** Rows as canonical CSV text, each ending with CRLF. */
export const canonicalRowsText = (rows: string[][]): string => stringify(rows, canonical);

/** Rows as Excel CSV text (without the BOM, which starts the file), each ending with CRLF. */
export const excelRowsText = (rows: string[][]): string => stringify(rows, excel);

/**
 * The Excel text of rows whose canonical text is known: rows written the same but for the
 * delimiter are taken from the canonical text, only the others go through csv-stringify again.
 * A batch with a line break in a cell is stringified whole, as the canonical text cannot then be
 * cut into rows at its CRLFs.
 */
export function excelText(rows: string[][], canonicalText: string): string {
  if (rows.some((row) => row.some((cell) => cell.includes('\r') || cell.includes('\n')))) return excelRowsText(rows);
  const same = rows.map(sameButDelimiter);
  if (same.every((s) => !s)) return excelRowsText(rows);
  const canonicalLines = canonicalText.split('\r\n');
  const others = rows.filter((_, i) => !same[i]);
  const otherLines = others.length > 0 ? excelRowsText(others).split('\r\n') : [];
  let next = 0;
  const lines = rows.map((_, i) => (same[i] ? (canonicalLines[i] as string).replaceAll(',', ';') : otherLines[next++]));
  // joined into one flat string: a kept part then holds its own characters, not slices of the canonical text
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Characters of Excel text kept beside a canonical file: the tables of a thousand pages fit,
 * those of ten thousand (tens of megabytes each) are made afresh instead, so the memory the
 * kept text takes stays bounded however large the dataset grows.
 */
const EXCEL_KEPT_CHARS = 8_000_000;

/**
 * One table as its two CSV files, a batch of rows at a time. csv-stringify ends every row with
 * the record delimiter, so the batches joined are the text of all rows made at once.
 *
 * The Excel file is made beside the canonical one (from the same cells, mostly from the same
 * text) and kept until it is read, which the release does right after the canonical file: one
 * table's Excel text at most, and no more than EXCEL_KEPT_CHARS, is in memory. Read on its own,
 * or too large to keep, it is made afresh.
 */
function tableCsvFiles(table: Table, dataset: Dataset): { canonicalFile: FileContent; excelFile: FileContent } {
  let madeExcel: (string | undefined)[] | undefined;
  const canonicalFile = textParts(function* () {
    let excelParts: string[] | undefined = [];
    let kept = 0;
    for (const rows of rowBatches(table, dataset)) {
      const text = canonicalRowsText(rows);
      if (excelParts) {
        const part = (excelParts.length === 0 ? BOM : '') + excelText(rows, text);
        kept += part.length;
        if (kept <= EXCEL_KEPT_CHARS) excelParts.push(part);
        else excelParts = undefined; // too large to keep: the Excel file is made on its own
      }
      yield text;
    }
    madeExcel = excelParts;
  });
  const excelFile = textParts(function* () {
    const parts = madeExcel;
    madeExcel = undefined;
    if (parts) {
      for (let i = 0; i < parts.length; i++) {
        yield parts[i] as string;
        parts[i] = undefined; // let each part go once written
      }
      return;
    }
    let first = true;
    for (const rows of rowBatches(table, dataset)) {
      yield (first ? BOM : '') + excelRowsText(rows);
      first = false;
    }
  });
  return { canonicalFile, excelFile };
}

/**
 * `data/<file>.csv` for every table, and `data/excel/<file>.csv`: the same rows for Excel
 * (BOM, `;`, formula-like cells neutralised). The canonical file is the one to process.
 */
export const csvWriter: Writer = (context: PublishContext) => {
  const files = new Map<string, FileContent>();
  for (const table of TABLES) {
    const { canonicalFile, excelFile } = tableCsvFiles(table, context.dataset);
    const paths = csvPaths(table);
    files.set(paths.canonical, canonicalFile);
    files.set(paths.excel, excelFile);
  }
  return files;
};
