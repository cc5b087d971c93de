import { stringify, type Options } from 'csv-stringify/sync';
import type { Dataset } from '../build.js';
import { textParts, type FileContent, type PublishContext, type Writer } from './context.js';
import { cellText, TABLES, type Table } from './tables.js';

/**
 * Quote a cell that starts or ends with white space although RFC 4180 does not require it:
 * spaces are data there, but some readers (and "trim" options) drop them from unquoted cells.
 */
const edgeSpace = /^\s|\s$/u;

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
 */
const excel: Options = {
  ...canonical,
  delimiter: ';',
  bom: true,
  escape_formulas: true,
};

/**
 * Records per call of csv-stringify: few enough that a batch's text (rows of a few kB at most)
 * stays a small string that dies young, enough that the calls' own cost does not count.
 */
const ROWS_PER_PART = 32;

/**
 * One table as CSV text, a batch of rows at a time: a header row of the column names, then one
 * row per record. csv-stringify ends every row with the record delimiter, so the batches joined
 * are the text of all rows made at once; the header and BOM come with the first batch only.
 */
function* tableCsvParts(table: Table, dataset: Dataset, options: Options): Generator<string> {
  const records: readonly Dataset[keyof Dataset][number][] = dataset[table.key];
  const columns = table.columns.map((c) => c.name);
  let start = 0;
  do {
    const rows = records.slice(start, start + ROWS_PER_PART).map((record) => table.columns.map((column) => cellText(column, record)));
    // `header` + `columns` rather than a first row of names, so an empty table still gets its header.
    yield stringify(rows, start === 0 ? { ...options, header: true, columns } : { ...options, bom: false, header: false, columns });
    start += ROWS_PER_PART;
  } while (start < records.length);
}

/**
 * `data/<file>.csv` for every table, and `data/excel/<file>.csv`: the same rows for Excel
 * (BOM, `;`, formula-like cells neutralised). The canonical file is the one to process.
 */
export const csvWriter: Writer = (context: PublishContext) => {
  const files = new Map<string, FileContent>();
  for (const table of TABLES) files.set(`data/${table.file}.csv`, textParts(() => tableCsvParts(table, context.dataset, canonical)));
  for (const table of TABLES) files.set(`data/excel/${table.file}.csv`, textParts(() => tableCsvParts(table, context.dataset, excel)));
  return files;
};
