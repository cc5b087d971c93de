import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../schemas/evidence.js';
import type { Dataset } from '../../pipeline/build.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import type { PublishContext } from '../../pipeline/publish/context.js';
import { BOM as BOM_TEXT, canonicalRowsText, csvWriter, excelRowsText, excelText } from '../../pipeline/publish/csv.js';
import { jsonFiles } from '../../pipeline/publish/json.js';
import { cellText, splitList, TABLES, type Table } from '../../pipeline/publish/tables.js';
import { projectDataset } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';

const BOM = [0xef, 0xbb, 0xbf];
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);

/** OWASP's formula starters, plus the full-width forms csv-stringify also neutralises. */
const formulaLike = /^[=+\-@\t\r＝＋－＠]/u;
const neutralised = (text: string): string => (formulaLike.test(text) ? `'${text}` : text);

const ev = (quote: string, line = 1): Evidence => ({
  sourceId: 'polisen/samverkan.sv',
  start: { line, column: 1, offset: 0 },
  end: { line, column: 1 + quote.length, offset: quote.length },
  quote,
});

/** Realistic records (they pass the schemas) whose text is as awkward for CSV as it gets. */
const hostile: Dataset = {
  authorities: [
    {
      id: 'polismyndigheten',
      name: { sv: 'Polismyndigheten; Region "Syd"', en: '=SUM(1)' },
      otherNames: ['+46 10 114 14 00', 'Polisen;Syd', 'back\\slash'],
      formerNames: ['-1'],
      namesInSources: ['@x', 'Rikspolis-\nstyrelsen'],
      orgNumber: '202100-2163',
      wikidata: 'Q1416016',
      website: 'https://polisen.se/',
      kind: 'state-agency',
      resolved: true,
    },
    {
      id: 'abc-ideell-forening',
      name: { en: '\tTabbed name' },
      otherNames: [],
      formerNames: [],
      namesInSources: ['\rCarriage return', '＝1+1', ' '],
      kind: 'other',
      resolved: false,
    },
    {
      id: 'aklagarmyndigheten',
      name: { sv: 'Åklagarmyndigheten', en: 'Swedish Prosecution Authority' },
      otherNames: ['ÅM'],
      formerNames: [],
      namesInSources: ['Åklagarmyndigheten', 'Länsstyrelsen i Västra Götalands län'],
      orgNumber: '202100-4284',
      kind: 'state-agency',
      resolved: true,
    },
  ],
  forums: [
    {
      id: 'regional-samverkan-syd',
      name: { en: 'Regional collaboration, South', sv: 'Regional samverkan "Syd"' },
      acronym: ' RSS ',
      startYear: 2019,
      startDate: '2019-03',
      endYear: 2025,
      commissionedBy: 'Regeringen\r\n(Justitiedepartementet)',
      sourceIds: ['polisen/samverkan.sv', 'bra/forum.en'],
      evidence: [ev('Regional samverkan; "Syd"'), ev('Rad ett\nrad två', 3)],
      startEvidence: [ev('sedan mars 2019', 5)],
    },
  ],
  memberships: [
    {
      forumId: 'regional-samverkan-syd',
      authorityId: 'polismyndigheten',
      role: 'lead',
      since: 2019,
      sinceEvidence: [ev('sedan 2019', 7)],
      evidence: [ev('=Polisen', 9)],
      claims: [{ sourceId: 'polisen/samverkan.sv', role: 'lead', since: 2019, date: '2025-01-31' }],
    },
    {
      forumId: 'regional-samverkan-syd',
      authorityId: 'abc-ideell-forening',
      role: 'partner',
      evidence: [ev('ABC \\ ideell; förening', 10)],
      // two sources' claims: the undated one without a date, the dated one with its retrieved date
      claims: [
        { sourceId: 'bra/forum.en', role: 'member' },
        { sourceId: 'polisen/samverkan.sv', role: 'partner', date: '2025-01-31' },
      ],
    },
  ],
  countChecks: [
    {
      id: 'regional-samverkan-syd--members--15',
      forumId: 'regional-samverkan-syd',
      sourceId: 'polisen/samverkan.sv',
      group: 'members',
      statedCount: 15,
      statedText: 'femton (15) myndigheter; "alla"',
      listedCount: 14,
      distinctCount: 13,
      duplicates: ['polismyndigheten'],
      status: 'mismatch',
      message: '-2: 13 distinct participants listed, 15 stated',
      evidence: [ev('femton', 12)],
      listEvidence: [],
    },
  ],
  crossSourceChecks: [
    {
      // as the count-explained-by-other-source rule words it, with the names as awkward as above
      id: 'regional-samverkan-syd--count-explained-by-other-source--members--polisen/samverkan.sv--bra/forum.en',
      forumId: 'regional-samverkan-syd',
      rule: 'count-explained-by-other-source',
      group: 'members',
      authorityIds: ['abc-ideell-forening'],
      sourceIds: ['bra/forum.en', 'polisen/samverkan.sv'],
      newerSourceId: 'polisen/samverkan.sv',
      message: 'Unexpected count: “femton (15) myndigheter; "alla"” lists 13; the other source names \tTabbed name as well',
      suggestion: 'polisen/samverkan.sv lists 13 of the 15 stated; bra/forum.en also lists \tTabbed name, which would make 14',
      evidence: [ev('femton', 12), { sourceId: 'bra/forum.en', start: { line: 4, column: 3, offset: 40 }, end: { line: 5, column: 8, offset: 72 }, quote: '-ABC "ideell"; förening\r\n(Malmö)' }],
    },
  ],
  sources: [
    { id: 'bra/forum.en', path: 'pages/bra/forum.en.txt', format: 'txt', language: 'en', languageFrom: 'detected', sha256: 'f'.repeat(64) },
    {
      id: 'polisen/samverkan.sv',
      path: 'pages/polisen/samverkan.sv.md',
      format: 'md',
      url: 'https://polisen.se/om-polisen/samverkan/',
      title: '@Samverkan mot brott – Polisen',
      language: 'sv',
      languageFrom: 'metadata',
      publisher: 'Polismyndigheten',
      retrieved: '2025-01-31',
      lastUpdated: '2024-12-01',
      sha256: '0123456789abcdef'.repeat(4),
    },
    {
      // an older saved version of the page above (same URL), which no longer makes claims
      id: 'polisen/samverkan.sv.2023-05-02',
      path: 'pages/polisen/samverkan.sv.2023-05-02.md',
      format: 'md',
      url: 'https://polisen.se/om-polisen/samverkan/',
      language: 'sv',
      languageFrom: 'metadata',
      retrieved: '2023-05-02',
      sha256: 'e'.repeat(64),
      supersededBy: 'polisen/samverkan.sv',
    },
  ],
};

let project: { dataset: Dataset; config: PublicationConfig };
beforeAll(async () => {
  project = await projectDataset();
});

const contextOf = (dataset: Dataset): PublishContext => ({ dataset, config: project.config, version: '0.0.0-test', files: new Map() });

function fileOf(files: Map<string, Uint8Array>, path: string): Uint8Array {
  const bytes = files.get(path);
  if (bytes === undefined) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return bytes;
}

/** The records as the JSON writer publishes them: the CSV must say the same. */
function jsonRecords(dataset: Dataset, table: Table): unknown[] {
  return JSON.parse(decode(fileOf(inMemory(jsonFiles(dataset)), `data/${table.file}.json`))) as unknown[];
}

/**
 * RFC 4180 line breaks, checked without a parser: outside quotes every CR is followed by LF and
 * every LF follows a CR (a lone one would end the record for many readers), and the quotes balance.
 */
function expectLineBreaksQuoted(text: string, where: string): void {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted; // a doubled "" toggles twice: still inside
    else if (!quoted && c === '\r') expect(text[i + 1], `${where}: CR at ${i}`).toBe('\n');
    else if (!quoted && c === '\n') expect(text[i - 1], `${where}: LF at ${i}`).toBe('\r');
  }
  expect(quoted, `${where}: unbalanced quotes`).toBe(false);
}

/** Every cell of the canonical CSV, read back, equals the JSON record's value. */
function expectCanonicalRoundTrip(dataset: Dataset): void {
  const files = inMemory(csvWriter(contextOf(dataset)));
  for (const table of TABLES) {
    const text = decode(fileOf(files, `data/${table.file}.csv`));
    expectLineBreaksQuoted(text, table.file);
    const rows = parse(text, { record_delimiter: '\r\n' });
    const records = jsonRecords(dataset, table) as Dataset[typeof table.key];
    expect(rows[0], table.file).toEqual(table.columns.map((c) => c.name));
    expect(rows.length - 1, table.file).toBe(records.length);
    records.forEach((record, i) => {
      table.columns.forEach((column, j) => {
        const cell = rows[i + 1]?.[j];
        const value = (column as Table['columns'][number]).value(record);
        const where = `${table.file} row ${i + 1} ${column.name}`;
        if (column.list) expect(splitList(cell ?? 'missing cell'), where).toEqual(value ?? []);
        else expect(cell, where).toBe(value === undefined ? '' : String(value));
      });
    });
  }
}

/** The Excel variant: BOM, `;`, the header, and each cell neutralised exactly when formula-like. */
function expectExcelVariant(dataset: Dataset): void {
  const files = inMemory(csvWriter(contextOf(dataset)));
  for (const table of TABLES) {
    const bytes = fileOf(files, `data/excel/${table.file}.csv`);
    expect([...bytes.subarray(0, 3)], table.file).toEqual(BOM);
    expectLineBreaksQuoted(decode(bytes), `excel/${table.file}`);
    const rows = parse(decode(bytes), { bom: true, delimiter: ';', record_delimiter: '\r\n' });
    expect(rows[0], table.file).toEqual(table.columns.map((c) => c.name));
    const records: readonly Dataset[keyof Dataset][number][] = dataset[table.key];
    expect(rows.length - 1, table.file).toBe(records.length);
    records.forEach((record, i) => {
      expect(rows[i + 1], `${table.file} row ${i + 1}`).toEqual(table.columns.map((column) => neutralised(cellText(column, record))));
    });
  }
}

describe('the hand-made dataset', () => {
  it('is realistic: every record passes its schema', () => {
    for (const table of TABLES) {
      const records: readonly unknown[] = hostile[table.key];
      expect(records.length, table.file).toBeGreaterThan(0);
      records.forEach((record, i) => {
        const result = table.schema.safeParse(record);
        expect(result.success ? [] : result.error.issues, `${table.file}[${i}]`).toEqual([]);
      });
    }
  });
});

describe('csvWriter', () => {
  it('writes a canonical and an Excel CSV for every table, and nothing else', () => {
    const paths = [...csvWriter(contextOf(hostile)).keys()].sort();
    const expected = TABLES.flatMap((t) => [`data/${t.file}.csv`, `data/excel/${t.file}.csv`]).sort();
    expect(paths).toEqual(expected);
    expect(paths).toContain('data/count-checks.csv');
    expect(paths).toContain('data/cross-source-checks.csv');
    expect(paths).toContain('data/excel/cross-source-checks.csv');
    expect(paths).toHaveLength(12);
  });

  it('keeps every cell of the project dataset (canonical CSV read back equals the JSON)', () => {
    expect(project.dataset.forums.length).toBeGreaterThan(0);
    expectCanonicalRoundTrip(project.dataset);
  });

  it('keeps every cell of hostile values (canonical CSV read back equals the JSON)', () => {
    expectCanonicalRoundTrip(hostile);
  });

  it('writes RFC 4180 text: no BOM, the header first, CRLF, quotes only where needed', () => {
    const files = inMemory(csvWriter(contextOf(hostile)));
    for (const table of TABLES) {
      const bytes = fileOf(files, `data/${table.file}.csv`);
      expect([...bytes.subarray(0, 3)], table.file).not.toEqual(BOM);
      const text = decode(bytes);
      expect(text.charCodeAt(0), table.file).not.toBe(0xfeff);
      expect(text.slice(0, text.indexOf('\r\n')), table.file).toBe(table.columns.map((c) => c.name).join(','));
      expect(text.endsWith('\r\n'), table.file).toBe(true);
    }
    const authorities = decode(fileOf(files, 'data/authorities.csv')).split('\r\n');
    // ids, org numbers and years as written, unquoted; quotes doubled; nothing neutralised
    expect(authorities[1]).toBe('polismyndigheten,"Polismyndigheten; Region ""Syd""",=SUM(1),+46 10 114 14 00;Polisen\\;Syd;back\\\\slash,-1,"@x;Rikspolis-\nstyrelsen",202100-2163,Q1416016,https://polisen.se/,state-agency,true');
    const forums = decode(fileOf(files, 'data/forums.csv'));
    // leading/trailing spaces are quoted so no reader trims them; a CRLF inside a cell stays in its quotes
    expect(forums).toContain(',"Regional collaboration, South","Regional samverkan ""Syd"""," RSS ",2019,2019-03,2025,"Regeringen\r\n(Justitiedepartementet)",');
    // each source's claim as sourceId|role|since|date, empty parts left empty, the claims joined with ;
    expect(decode(fileOf(files, 'data/memberships.csv'))).toContain(',polisen/samverkan.sv:10:1-10:23,ABC \\\\ ideell\\; förening,bra/forum.en|member||;polisen/samverkan.sv|partner||2025-01-31\r\n');
    expect(decode(fileOf(files, 'data/sources.csv'))).toContain(`,2023-05-02,,${'e'.repeat(64)},polisen/samverkan.sv\r\n`);
    // a quote's own ; escaped in the list, its CRLF kept inside the cell's quotes
    expect(decode(fileOf(files, 'data/cross-source-checks.csv'))).toContain(',polisen/samverkan.sv:12:1-12:7;bra/forum.en:4:3-5:8,"femton;-ABC ""ideell""\\; förening\r\n(Malmö)"\r\n');
  });

  it('leaves no formula-like cell active in the Excel variant of the hostile dataset', () => {
    expectExcelVariant(hostile);
    const rows = parse(decode(fileOf(inMemory(csvWriter(contextOf(hostile))), 'data/excel/authorities.csv')), { bom: true, delimiter: ';' });
    expect(rows[1]).toEqual([
      'polismyndigheten',
      'Polismyndigheten; Region "Syd"',
      "'=SUM(1)",
      "'+46 10 114 14 00;Polisen\\;Syd;back\\\\slash",
      "'-1",
      "'@x;Rikspolis-\nstyrelsen",
      '202100-2163',
      'Q1416016',
      'https://polisen.se/',
      'state-agency',
      'true',
    ]);
    expect(rows[2]?.slice(2, 6)).toEqual(["'\tTabbed name", '', '', "'\rCarriage return;＝1+1; "]);
    expect(rows[3]).toEqual(['aklagarmyndigheten', 'Åklagarmyndigheten', 'Swedish Prosecution Authority', 'ÅM', '', 'Åklagarmyndigheten;Länsstyrelsen i Västra Götalands län', '202100-4284', '', '', 'state-agency', 'true']);
    const text = decode(fileOf(inMemory(csvWriter(contextOf(hostile))), 'data/excel/memberships.csv'));
    expect(text).toContain("regional-samverkan-syd;polismyndigheten;lead;2019;polisen/samverkan.sv:7:1-7:11;polisen/samverkan.sv:9:1-9:9;'=Polisen;polisen/samverkan.sv|lead|2019|2025-01-31\r\n");
    // only a cell's start counts: a later list item starting with - is left as it is
    const crossSource = parse(decode(fileOf(inMemory(csvWriter(contextOf(hostile))), 'data/excel/cross-source-checks.csv')), { bom: true, delimiter: ';' });
    expect(crossSource[1]?.slice(4)).toEqual([
      'abc-ideell-forening',
      'bra/forum.en;polisen/samverkan.sv',
      'polisen/samverkan.sv',
      'Unexpected count: “femton (15) myndigheter; "alla"” lists 13; the other source names \tTabbed name as well',
      'polisen/samverkan.sv lists 13 of the 15 stated; bra/forum.en also lists \tTabbed name, which would make 14',
      'polisen/samverkan.sv:12:1-12:7;bra/forum.en:4:3-5:8',
      'femton;-ABC "ideell"\\; förening\r\n(Malmö)',
    ]);
  });

  it('makes an Excel variant of the project dataset that differs only by the neutralised cells', () => {
    expectExcelVariant(project.dataset);
  });

  it('writes a table of many rows in batches that read as one file: one header, one BOM, every row', () => {
    // every record of the hand-made dataset 100 times: batches of rows end and start on awkward cells
    const many = Object.fromEntries(TABLES.map((t) => [t.key, Array.from({ length: 100 }, () => hostile[t.key]).flat()])) as unknown as Dataset;
    const parts = [...(csvWriter(contextOf(many)).get('data/excel/memberships.csv') as Iterable<string>)];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.filter((p) => p.includes('\uFEFF'))).toEqual([parts[0]]);
    expect(parts.every((p) => p.endsWith('\r\n'))).toBe(true);
    expectCanonicalRoundTrip(many);
    expectExcelVariant(many);
  });

  it('writes the header even for an empty table', () => {
    const files = inMemory(csvWriter(contextOf({ ...hostile, memberships: [] })));
    expect(decode(fileOf(files, 'data/memberships.csv'))).toBe('forumId,authorityId,role,since,sinceEvidence,evidence,evidence_quotes,claims\r\n');
    expect(decode(fileOf(files, 'data/excel/memberships.csv'))).toBe('\uFEFFforumId;authorityId;role;since;sinceEvidence;evidence;evidence_quotes;claims\r\n');
  });

  it('is deterministic: two builds and two runs give the same bytes', async () => {
    const again = await projectDataset();
    for (const dataset of [project.dataset, hostile]) {
      const first = inMemory(csvWriter(contextOf(dataset)));
      const second = inMemory(csvWriter(contextOf(dataset === hostile ? structuredClone(hostile) : again.dataset)));
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [path, bytes] of first) expect(Buffer.from(fileOf(second, path)).equals(Buffer.from(bytes)), path).toBe(true);
    }
  });
});

describe('the Excel text made from the canonical text', () => {
  const derived = (rows: string[][]) => excelText(rows, canonicalRowsText(rows));

  it('is what csv-stringify writes with the Excel options, for rows of any text', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.array(fc.constantFrom(',', ';', '"', '\r', '\n', '\r\n', ' ', '\t', '=', '+', '-', '@', '＝', '＋', '－', '＠', "'", '\\', 'a', 'å', '1', '\u00A0', '\u2028', '\uFEFF'), { maxLength: 5 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (rows) => {
        expect(derived(rows)).toBe(excelRowsText(rows));
      }),
      { numRuns: 2000 },
    );
  });

  it('is what csv-stringify writes for every UTF-16 code unit at a cell\'s start, inside and end', () => {
    const rows: string[][] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      rows.push([c, `a${c}`, `${c}a`, `a${c}a`]);
    }
    // in batches, as the writer makes them, so most rows are taken from the canonical text
    for (let start = 0; start < rows.length; start += 32) {
      const batch = rows.slice(start, start + 32);
      expect(derived(batch), `code units from ${start}`).toBe(excelRowsText(batch));
    }
  });

  it('takes rows of plain cells from the canonical text, with ; for ,', () => {
    const rows = [
      ['id', 'name'],
      ['a', ' spaced '],
      ['b', '=1'],
      ['c', 'x;y'],
    ];
    expect(canonicalRowsText(rows)).toBe('id,name\r\na," spaced "\r\nb,=1\r\nc,x;y\r\n');
    expect(derived(rows)).toBe('id;name\r\na;" spaced "\r\nb;\'=1\r\nc;"x;y"\r\n');
  });
});

describe('the Excel file', () => {
  /** The files in the order given: an Excel file read before its canonical file is made on its own. */
  const read = (dataset: Dataset, excelFirst: boolean): Map<string, string> => {
    const files = csvWriter(contextOf(dataset));
    const paths = [...files.keys()].sort((a, b) => (a.includes('/excel/') === excelFirst ? -1 : 0) - (b.includes('/excel/') === excelFirst ? -1 : 0));
    return new Map(paths.map((path) => [path, [...(files.get(path) as Iterable<string>)].join('')]));
  };

  it('is the same made beside its canonical file or on its own, and can be read again', () => {
    const many = Object.fromEntries(TABLES.map((t) => [t.key, Array.from({ length: 70 }, () => hostile[t.key]).flat()])) as unknown as Dataset;
    for (const dataset of [hostile, project.dataset, many, { ...hostile, memberships: [] }]) {
      const beside = read(dataset, false);
      const alone = read(dataset, true);
      for (const table of TABLES) {
        const path = `data/excel/${table.file}.csv`;
        expect(beside.get(path), path).toBe(alone.get(path));
        expect(beside.get(path)?.startsWith(BOM_TEXT), path).toBe(true);
        expect(beside.get(`data/${table.file}.csv`), table.file).toBe(alone.get(`data/${table.file}.csv`));
      }
    }
    // a table too large to keep the Excel text of (over 8 million characters) is made afresh: the same bytes
    const long = (hostile.crossSourceChecks[0] as Dataset['crossSourceChecks'][number]);
    const large = { ...hostile, crossSourceChecks: Array.from({ length: 90 }, (_, i) => ({ ...long, id: `${long.id}-${i}`, message: `${'Unexpected count '.repeat(6000)}${i}` })) };
    const largeBeside = read(large, false).get('data/excel/cross-source-checks.csv') ?? '';
    expect(largeBeside.length).toBeGreaterThan(8_000_000);
    expect(largeBeside).toBe(read(large, true).get('data/excel/cross-source-checks.csv'));
    // a file's parts can be read twice (the Excel parts kept beside the canonical file go once read)
    const files = csvWriter(contextOf(hostile));
    const twice = (path: string) => [[...(files.get(path) as Iterable<string>)].join(''), [...(files.get(path) as Iterable<string>)].join('')];
    const [canonicalOnce, canonicalAgain] = twice('data/forums.csv');
    expect(canonicalAgain).toBe(canonicalOnce);
    const [excelOnce, excelAgain] = twice('data/excel/forums.csv');
    expect(excelAgain).toBe(excelOnce);
  });
});
