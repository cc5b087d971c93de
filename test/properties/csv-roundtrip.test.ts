/**
 * JSON → CSV → parsed CSV keeps every value: for any records that pass the schemas, however
 * awkward their text (`;`, `\`, quotes, line breaks, a leading `=`, any Unicode), each cell of
 * the canonical CSV read back with csv-parse is the column's `cellText`, a list cell splits back
 * into the list, and the Excel variant differs only by the `'` that neutralises a formula.
 */
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Authority } from '../../schemas/authority.js';
import type { CountCheck } from '../../schemas/count-check.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Membership } from '../../schemas/membership.js';
import type { Source } from '../../schemas/source.js';
import type { Dataset } from '../../pipeline/build.js';
import { readPublicationConfig } from '../../pipeline/io/read-registry.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import { csvWriter } from '../../pipeline/publish/csv.js';
import { cellText, splitList, TABLES, type Table } from '../../pipeline/publish/tables.js';
import { projectRoot } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';
import { numRuns } from './arbitraries.js';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);

/** OWASP's formula starters and their full-width forms, which the Excel variant neutralises with a `'`. */
const neutralised = (text: string): string => (/^[=+\-@\t\r＝＋－＠]/u.test(text) ? `'${text}` : text);

const AWKWARD = [
  ';', '\\', '\\;', ';\\', '"', '""', "'", ',', '\n', '\r', '\r\n', '\n\r', '\t', ' ', '=', '+', '-', '@', '=SUM(A1)', '＝1+1', '－',
  'å', 'Ö', 'ß', '😀', '\u{1F3F3}\u{FE0F}\u200D\u{1F308}', 'a', 'Polismyndigheten', '|', '\u2028', '\uFEFF', '\u0000', '\u00A0',
  'null', 'true', '1e5', '007', '-1', ' leading', 'trailing ',
] as const;

/** Non-empty text as awkward for CSV as it gets. */
const text = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.array(fc.constantFrom(...AWKWARD), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
);
const texts = (minLength = 0) => fc.array(text, { minLength, maxLength: 4 });
const slug = fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,3}$/);
const year = fc.integer({ min: 1800, max: 2200 });
const isoDate = fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
const sourceId = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,8}(?:\/[a-z0-9][a-z0-9.-]{0,8}){0,2}$/);
const url = fc.constantFrom('https://polisen.se/', 'https://example.org/a;b?c=1&d="e"', 'http://xn--ml-nia.se/%C3%A5', 'https://example.org/=SUM(1)');
const role = fc.constantFrom('lead', 'coordinator', 'initiator', 'member', 'network-member', 'partner' as const);
const group = fc.constantFrom('members', 'network-members' as const);

const point = fc.record({ line: fc.integer({ min: 1, max: 5000 }), column: fc.integer({ min: 1, max: 500 }), offset: fc.nat({ max: 1_000_000 }) });
const evidence: fc.Arbitrary<Evidence> = fc.record({ sourceId: text, start: point, end: point, quote: text });
const evidences = (minLength = 0) => fc.array(evidence, { minLength, maxLength: 3 });

/** A Swedish organisation number whose last digit is its Luhn check digit. */
const orgNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => {
  const sum = digits.reduce((s, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d; // from the right, the check digit's neighbour is doubled
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  const all = `${digits.join('')}${(10 - (sum % 10)) % 10}`;
  return `${all.slice(0, 6)}-${all.slice(6)}`;
});

const authority: fc.Arbitrary<Authority> = fc
  .record(
    {
      id: slug,
      name: fc.record({ sv: text, en: text }, { requiredKeys: [] }),
      otherNames: texts(),
      formerNames: texts(),
      namesInSources: texts(),
      orgNumber,
      wikidata: fc.stringMatching(/^Q[1-9]\d{0,8}$/),
      website: url,
      kind: fc.constantFrom('state-agency', 'county-board', 'municipal', 'government', 'other' as const),
      resolved: fc.boolean(),
    },
    { requiredKeys: ['id', 'name', 'otherNames', 'formerNames', 'namesInSources', 'kind', 'resolved'] },
  )
  // The schemas' refinements: a name in one language at least, a Swedish one when resolved.
  .filter((a) => (a.name.sv !== undefined || a.name.en !== undefined) && (!a.resolved || a.name.sv !== undefined));

const forum: fc.Arbitrary<Forum> = fc
  .record(
    {
      id: slug,
      name: fc.record({ en: text, sv: text }, { requiredKeys: [] }),
      acronym: text,
      startYear: year,
      startDate: fc.stringMatching(/^\d{4}(?:-\d{2})?$/),
      endYear: year,
      commissionedBy: text,
      sourceIds: texts(1),
      evidence: evidences(1),
      startEvidence: evidences(),
      endEvidence: evidences(),
      commissionedByEvidence: evidences(),
    },
    { requiredKeys: ['id', 'name', 'sourceIds', 'evidence'] },
  )
  .filter((f) => f.name.en !== undefined || f.name.sv !== undefined);

const membership: fc.Arbitrary<Membership> = fc.record(
  {
    forumId: slug,
    authorityId: slug,
    role,
    since: year,
    sinceEvidence: evidences(),
    evidence: evidences(1),
    claims: fc.array(fc.record({ sourceId: text, role, since: year, date: isoDate }, { requiredKeys: ['sourceId', 'role'] }), { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['forumId', 'authorityId', 'role', 'evidence', 'claims'] },
);

const count = fc.nat({ max: 100 });
const countCheck: fc.Arbitrary<CountCheck> = fc.record({
  id: text,
  forumId: slug,
  sourceId: text,
  group,
  statedCount: count,
  statedText: text,
  listedCount: count,
  distinctCount: count,
  duplicates: fc.array(slug, { maxLength: 3 }),
  status: fc.constantFrom('consistent', 'mismatch', 'unverifiable' as const),
  message: text,
  evidence: evidences(1),
  listEvidence: evidences(),
});

const crossSourceCheck: fc.Arbitrary<CrossSourceCheck> = fc.record(
  {
    id: text,
    forumId: slug,
    rule: fc.constantFrom('participant-missing-in-source', 'count-disagreement', 'count-explained-by-other-source' as const),
    group,
    authorityIds: fc.array(slug, { maxLength: 3 }),
    sourceIds: texts(2),
    newerSourceId: text,
    message: text,
    suggestion: text,
    evidence: evidences(1),
  },
  { requiredKeys: ['id', 'forumId', 'rule', 'authorityIds', 'sourceIds', 'message', 'evidence'] },
);

const source: fc.Arbitrary<Source> = fc.record(
  {
    id: sourceId,
    path: text,
    format: fc.constantFrom('txt', 'md', 'html' as const),
    url,
    title: text,
    language: fc.constantFrom('en', 'sv' as const),
    languageFrom: fc.constantFrom('metadata', 'detected' as const),
    publisher: text,
    retrieved: isoDate,
    lastUpdated: isoDate,
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    supersededBy: text,
  },
  { requiredKeys: ['id', 'path', 'format', 'language', 'languageFrom', 'sha256'] },
);

const dataset: fc.Arbitrary<Dataset> = fc.record({
  authorities: fc.array(authority, { maxLength: 4 }),
  forums: fc.array(forum, { maxLength: 3 }),
  memberships: fc.array(membership, { maxLength: 4 }),
  countChecks: fc.array(countCheck, { maxLength: 3 }),
  crossSourceChecks: fc.array(crossSourceCheck, { maxLength: 3 }),
  sources: fc.array(source, { maxLength: 3 }),
});

let config: PublicationConfig;
beforeAll(async () => {
  config = await readPublicationConfig(path.join(projectRoot, 'sources'));
});

/** The table's records and its columns, typed loosely enough to walk every table alike. */
function rowsOf(data: Dataset, table: Table): { records: readonly unknown[]; columns: Table['columns'] } {
  return { records: data[table.key], columns: table.columns };
}

describe('JSON → CSV → parsed CSV', () => {
  it('generates records that pass the schemas', () => {
    fc.assert(
      fc.property(dataset, (data) => {
        for (const table of TABLES) for (const record of rowsOf(data, table).records) table.schema.parse(record);
      }),
      { numRuns: numRuns(100) },
    );
  }, Math.max(30_000, numRuns(100) * 20));

  it('keeps every value, in the canonical CSV and (neutralised) in the Excel variant', () => {
    fc.assert(
      fc.property(dataset, (data) => {
        const files = inMemory(csvWriter({ dataset: data, config, version: '0.0.0-test', files: new Map() }));
        for (const table of TABLES) {
          const { records, columns } = rowsOf(data, table);
          const header = columns.map((c) => c.name);
          // No record delimiter given: csv-parse finds it, as most readers do, so a bare CR or LF in a cell must be quoted.
          const canonical: string[][] = parse(decode(files.get(`data/${table.file}.csv`)));
          const excel: string[][] = parse(decode(files.get(`data/excel/${table.file}.csv`)), { bom: true, delimiter: ';' });
          expect(canonical[0]).toEqual(header);
          expect(excel[0]).toEqual(header);
          expect(canonical).toHaveLength(records.length + 1);
          expect(excel).toHaveLength(records.length + 1);
          records.forEach((record, i) => {
            columns.forEach((column, j) => {
              const where = `${table.file} row ${i + 1} ${column.name}`;
              const cell = canonical[i + 1]?.[j];
              expect(cell, where).toBe(cellText(column, record as never));
              expect(excel[i + 1]?.[j], where).toBe(neutralised(cellText(column, record as never)));
              if (column.list) expect(splitList(cell ?? ''), where).toEqual(column.value(record as never) ?? []);
            });
          });
        }
      }),
      { numRuns: numRuns(200) },
    );
  }, Math.max(30_000, numRuns(200) * 50));
});
