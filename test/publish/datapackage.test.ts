import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import { madeFiles, type PublishContext } from '../../pipeline/publish/context.js';
import { csvWriter } from '../../pipeline/publish/csv.js';
import { datapackageWriter } from '../../pipeline/publish/datapackage.js';
import { TABLES } from '../../pipeline/publish/tables.js';
import type { Evidence } from '../../schemas/evidence.js';
import { projectDataset } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';
import { validateData, validateDescriptor, validatePackage, type FieldDescriptor, type FrictionlessError, type PackageDescriptor, type ResourceDescriptor } from './frictionless-validate.js';

const VERSION = '1.2.3';
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The release as the build makes it up to this writer: the CSV writer's files, then the descriptor. */
function release(dataset: Dataset, config: PublicationConfig) {
  const base: PublishContext = { dataset, config, version: VERSION, files: new Map() };
  const files = new Map(inMemory(csvWriter(base)));
  const out = inMemory(datapackageWriter({ ...base, files: madeFiles(files) }));
  const bytes = out.get('datapackage.json');
  if (!bytes) throw new Error('no datapackage.json');
  return { out, text: decode(bytes), descriptor: JSON.parse(decode(bytes)) as PackageDescriptor & Record<string, unknown>, files };
}

let project: { dataset: Dataset; config: PublicationConfig };
let built: ReturnType<typeof release>;
beforeAll(async () => {
  project = await projectDataset();
  built = release(project.dataset, project.config);
});

const resourceOf = (descriptor: PackageDescriptor, name: string): ResourceDescriptor => {
  const r = descriptor.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name}`);
  return r;
};
const fieldOf = (descriptor: PackageDescriptor, resource: string, field: string): FieldDescriptor => {
  const schema = resourceOf(descriptor, resource).schema;
  const f = typeof schema === 'object' ? schema.fields.find((x) => x.name === field) : undefined;
  if (!f) throw new Error(`no field ${resource}.${field}`);
  return f;
};

describe('datapackageWriter on the project dataset', () => {
  it('writes only datapackage.json, as two-space JSON with a final newline', () => {
    expect([...built.out.keys()]).toEqual(['datapackage.json']);
    expect(built.text).toBe(`${JSON.stringify(JSON.parse(built.text), null, 2)}\n`);
  });

  it('is valid against the official Data Package v2 profiles', () => {
    expect(validateDescriptor(built.descriptor)).toEqual([]);
  });

  it('describes CSV files that pass every frictionless check', () => {
    expect(project.dataset.memberships.length).toBeGreaterThan(0);
    expect(validateData(built.descriptor, built.files)).toEqual([]);
  });

  it('has the package properties in a stable order, and no build time', () => {
    const d = built.descriptor;
    const { config } = project;
    expect(Object.keys(d)).toEqual(['$schema', 'name', 'title', 'description', 'sv', 'homepage', 'version', 'keywords', 'licenses', 'contributors', 'sources', 'resources']);
    expect(d['$schema']).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expect(d['name']).toBe('samverkan');
    expect(d['title']).toBe(config.title.en);
    expect(d['sv']).toEqual({ title: config.title.sv, description: config.description.sv, keywords: config.keywords.sv });
    expect(d['version']).toBe(VERSION);
    expect(d['homepage']).toBe(config.landingPage);
    expect(d['licenses']).toEqual([{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'Creative Commons Zero v1.0 Universal' }]);
    expect(d['contributors']).toEqual(config.contributors);
    expect(d).not.toHaveProperty('created');
  });

  it('lists each source page address once, with its title', () => {
    const withUrl = project.dataset.sources.filter((s) => s.url !== undefined);
    expect(withUrl.length).toBeGreaterThan(0);
    expect(built.descriptor['sources']).toEqual([...new Map(withUrl.map((s) => [s.url, { title: s.title, path: s.url }])).values()]);
  });

  it('has one resource per canonical CSV, with the exact size and SHA-256 of its bytes', () => {
    expect(built.descriptor.resources.map((r) => r.path)).toEqual(TABLES.map((t) => `data/${t.file}.csv`));
    expect(built.files.has('data/excel/forums.csv')).toBe(true);
    for (const r of built.descriptor.resources) {
      const bytes = built.files.get(r.path as string) as Uint8Array;
      expect(r).toMatchObject({ type: 'table', scheme: 'file', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', bytes: bytes.length, hash: `sha256:${sha256(bytes)}` });
      expect(r.dialect).toEqual({ header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true });
    }
  });

  it('declares every column in order, typed, with keys between resources by name', () => {
    for (const table of TABLES) {
      const schema = resourceOf(built.descriptor, table.file).schema;
      if (typeof schema !== 'object') throw new Error('inline schema expected');
      expect(schema.fields.map((f) => f.name)).toEqual(table.columns.map((c) => c.name));
      expect(schema.fields.map((f) => f.type)).toEqual(table.columns.map((c) => c.type));
      expect(schema.missingValues).toEqual(['']);
      expect(schema.primaryKey).toEqual(table.primaryKey);
    }
    const schemaOf = (name: string) => resourceOf(built.descriptor, name).schema as Exclude<ResourceDescriptor['schema'], string | undefined>;
    expect(schemaOf('memberships').primaryKey).toEqual(['forumId', 'authorityId']);
    expect(schemaOf('memberships').foreignKeys).toEqual([
      { fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } },
      { fields: ['authorityId'], reference: { resource: 'authorities', fields: ['id'] } },
    ]);
    expect(schemaOf('count-checks').foreignKeys).toEqual([
      { fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } },
      { fields: ['sourceId'], reference: { resource: 'sources', fields: ['id'] } },
    ]);
    expect(schemaOf('cross-source-checks').primaryKey).toEqual(['id']);
    expect(schemaOf('cross-source-checks').foreignKeys).toEqual([{ fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } }]);
    expect(schemaOf('forums')).not.toHaveProperty('foreignKeys');
  });

  it('carries constraints from the tables and the record schemas', () => {
    const d = built.descriptor;
    expect(fieldOf(d, 'authorities', 'orgNumber')).toMatchObject({ type: 'string', constraints: { pattern: '^\\d{6}-\\d{4}$' } });
    expect(fieldOf(d, 'authorities', 'orgNumber').constraints).not.toHaveProperty('required');
    expect(fieldOf(d, 'authorities', 'wikidata').constraints).toEqual({ pattern: '^Q\\d+$' });
    expect(fieldOf(d, 'authorities', 'id').constraints).toEqual({ required: true, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
    expect(fieldOf(d, 'authorities', 'kind').constraints).toEqual({ required: true, enum: ['state-agency', 'county-board', 'municipal', 'government', 'other'] });
    expect(fieldOf(d, 'authorities', 'website')).toMatchObject({ type: 'string', format: 'uri' });
    expect(fieldOf(d, 'authorities', 'resolved')).toMatchObject({ type: 'boolean', trueValues: ['true'], falseValues: ['false'], constraints: { required: true } });
    expect(fieldOf(d, 'memberships', 'role').constraints?.enum).toEqual(['lead', 'coordinator', 'initiator', 'member', 'network-member', 'partner']);
    expect(fieldOf(d, 'memberships', 'since')).toEqual(expect.objectContaining({ type: 'year', constraints: { minimum: 1800, maximum: 2200 } }));
    // zod's ±(2^53 − 1) for .int() is not a limit of the data
    expect(fieldOf(d, 'count-checks', 'statedCount')).toMatchObject({ type: 'integer', constraints: { required: true, minimum: 0 } });
    expect(fieldOf(d, 'count-checks', 'statedCount').constraints).not.toHaveProperty('maximum');
    expect(fieldOf(d, 'sources', 'retrieved')).toMatchObject({ type: 'date' });
    expect(fieldOf(d, 'sources', 'sha256').constraints).toEqual({ required: true, pattern: '^[0-9a-f]{64}$' });
  });

  it('declares lists as strings that say how they are joined, never as `list`', () => {
    expect(built.text).not.toMatch(/"type": "(list|array)"/u);
    for (const table of TABLES) {
      for (const column of table.columns.filter((c) => c.list)) {
        const field = fieldOf(built.descriptor, table.file, column.name);
        expect(field.type).toBe('string');
        expect(field.constraints?.pattern).toBeUndefined();
        expect(field.format).toBeUndefined();
        expect(field).toHaveProperty('description', expect.stringMatching(/joined with ;.*escaped with \\/u));
      }
    }
  });

  it('is byte-identical for the same input, and follows the CSV bytes it is given', () => {
    const again = release(project.dataset, project.config);
    expect(again.text).toBe(built.text);
    const context: PublishContext = { ...project, version: VERSION, files: madeFiles(new Map(built.files).set('data/forums.csv', new TextEncoder().encode('changed\r\n'))) };
    const forums = resourceOf(JSON.parse(decode(inMemory(datapackageWriter(context)).get('datapackage.json'))) as PackageDescriptor, 'forums');
    expect(forums.bytes).toBe(9);
    expect(forums.hash).toBe(`sha256:${sha256(new TextEncoder().encode('changed\r\n'))}`);
  });

  it('stops when a canonical CSV is missing: it runs after the CSV writer', () => {
    const files = new Map(built.files);
    files.delete('data/sources.csv');
    expect(() => datapackageWriter({ ...project, version: VERSION, files: madeFiles(files) })).toThrow(/data\/sources\.csv is missing/u);
  });
});

// ------------------------------------------------------------------------------ edge cases

const ev = (quote: string, line = 1): Evidence => ({ sourceId: 'example.se/sida.sv', start: { line, column: 1, offset: 0 }, end: { line, column: quote.length + 1, offset: quote.length }, quote });

/** Cells CSV and spreadsheets get wrong: separators, quotes, newlines, formula starts, non-ASCII; and an empty table. */
const edgeDataset: Dataset = {
  sources: [
    { id: 'example.se/sida.sv', path: 'pages/example.se/sida.sv.md', format: 'md', url: 'https://example.se/sida', title: 'Sida "med" citat; och, komma', language: 'sv', languageFrom: 'metadata', retrieved: '2024-02-29', sha256: 'a'.repeat(64) },
    // an older saved version of the page above: the undated one of two with the same URL
    { id: 'example.se/sida-igen.sv', path: 'pages/example.se/sida-igen.sv.md', format: 'md', url: 'https://example.se/sida', title: 'Samma adress', language: 'sv', languageFrom: 'metadata', sha256: 'b'.repeat(64), supersededBy: 'example.se/sida.sv' },
    { id: 'example.se/utan-adress.en', path: 'pages/example.se/utan-adress.en.txt', format: 'txt', language: 'en', languageFrom: 'detected', sha256: 'c'.repeat(64) },
    { id: 'example.se/utan-titel.en', path: 'pages/example.se/utan-titel.en.txt', format: 'txt', url: 'https://example.se/en', language: 'en', languageFrom: 'metadata', lastUpdated: '2025-01-31', sha256: 'd'.repeat(64) },
  ],
  authorities: [
    { id: 'polismyndigheten', name: { sv: 'Polismyndigheten', en: 'Swedish Police Authority' }, otherNames: ['Polisen', 'a;b\\c'], formerNames: [], namesInSources: ['=Polisen', 'Polisen\n(regionerna)'], orgNumber: '202100-0076', wikidata: 'Q123', website: 'https://polisen.se/', kind: 'state-agency', resolved: true },
    { id: 'okand-aktor', name: { sv: '@Okänd "aktör"' }, otherNames: [], formerNames: [], namesInSources: [' +Okänd '], kind: 'other', resolved: false },
  ],
  forums: [
    { id: 'samverkan-mot-brott', name: { sv: 'Samverkan mot brott, "SMB"' }, acronym: '-SMB', startYear: 2018, startDate: '2018-03', sourceIds: ['example.se/sida.sv', 'example.se/utan-titel.en'], evidence: [ev('Samverkan; mot brott'), { ...ev('=Samverkan mot brott', 1), sourceId: 'example.se/utan-titel.en' }], startEvidence: [ev('mars 2018', 2)] },
  ],
  memberships: [
    { forumId: 'samverkan-mot-brott', authorityId: 'polismyndigheten', role: 'lead', since: 2019, sinceEvidence: [ev('sedan 2019', 3)], evidence: [ev('Polisen', 4), ev('=Polisen', 5)], claims: [{ sourceId: 'example.se/sida.sv', role: 'lead', since: 2019, date: '2024-02-29' }] },
    { forumId: 'samverkan-mot-brott', authorityId: 'okand-aktor', role: 'partner', evidence: [ev('Okänd "aktör"', 6)], claims: [{ sourceId: 'example.se/sida.sv', role: 'partner', date: '2024-02-29' }] },
  ],
  countChecks: [],
  crossSourceChecks: [
    {
      id: 'samverkan-mot-brott--participant-missing-in-source--polismyndigheten--example.se/utan-titel.en',
      forumId: 'samverkan-mot-brott',
      rule: 'participant-missing-in-source',
      authorityIds: ['polismyndigheten'],
      sourceIds: ['example.se/sida.sv', 'example.se/utan-titel.en'],
      newerSourceId: 'example.se/utan-titel.en',
      message: 'Unexpected absence of Swedish Police Authority from this source\'s account of the forum, expected it as lead as example.se/sida.sv says; "åäö"',
      evidence: [{ ...ev('=Samverkan mot brott', 1), sourceId: 'example.se/utan-titel.en' }, ev('Polisen', 4)],
    },
  ],
};

describe('datapackageWriter on hand-made edge cases', () => {
  it('describes awkward cells and an empty table correctly', () => {
    const { descriptor, files } = release(edgeDataset, project.config);
    expect(decode(files.get('data/count-checks.csv'))).toBe(`${TABLES[3].columns.map((c) => c.name).join(',')}\r\n`);
    // the cross-source check is a row of its own, validated with the rest below
    const crossSource = parse(decode(files.get('data/cross-source-checks.csv')), { record_delimiter: '\r\n' }) as string[][];
    expect(crossSource.map((row) => row[0])).toEqual(['id', 'samverkan-mot-brott--participant-missing-in-source--polismyndigheten--example.se/utan-titel.en']);
    expect(validatePackage(descriptor, files)).toEqual([]);
  });

  it('lists a source address once and leaves out pages without one', () => {
    const { descriptor } = release(edgeDataset, project.config);
    expect(descriptor['sources']).toEqual([{ title: 'Sida "med" citat; och, komma', path: 'https://example.se/sida' }, { path: 'https://example.se/en' }]);
  });
});

// ------------------------------------------------------------------------------ the validator fails

/** A copy of the release with one CSV rewritten, the descriptor's bytes and hash updated to match. */
function rewriteCsv(name: string, edit: (rows: string[][]) => void, { rehash = true } = {}) {
  const descriptor = structuredClone(built.descriptor);
  const files = new Map(built.files);
  const resource = resourceOf(descriptor, name);
  const rows = parse(decode(files.get(resource.path as string)), { record_delimiter: '\r\n' }) as string[][];
  edit(rows);
  const bytes = new TextEncoder().encode(stringify(rows, { record_delimiter: '\r\n' }));
  files.set(resource.path as string, bytes);
  if (rehash) Object.assign(resource, { bytes: bytes.length, hash: `sha256:${sha256(bytes)}` });
  return { descriptor, files };
}

/** The row (0 is the header) of the first record matching, so each test edits a row the data has. */
function rowWhere(rows: string[][], column: string, test: (cell: string) => boolean): { row: string[]; index: number; at: number } {
  const at = (rows[0] ?? []).indexOf(column);
  const index = rows.findIndex((r, i) => i > 0 && test(r[at] ?? ''));
  if (at < 0 || index < 0) throw new Error(`no row with such a ${column}`);
  return { row: rows[index] as string[], index, at };
}

const only = (errors: FrictionlessError[]) => {
  expect(errors).toHaveLength(1);
  return errors[0];
};

describe('the frictionless validator', () => {
  it('passes a rewritten but unchanged release (the baseline for the cases below)', () => {
    const { descriptor, files } = rewriteCsv('forums', () => undefined);
    expect(validatePackage(descriptor, files)).toEqual([]);
  });

  it('reports a hash that does not match the file', () => {
    const descriptor = structuredClone(built.descriptor);
    resourceOf(descriptor, 'forums').hash = `sha256:${'0'.repeat(64)}`;
    expect(only(validateData(descriptor, built.files))).toMatchObject({ type: 'hash-count', resource: 'forums' });
  });

  it('reports a size that does not match the file', () => {
    let removed: string | undefined;
    const { descriptor, files } = rewriteCsv('sources', (rows) => void (removed = rows.pop()?.[0]), { rehash: false });
    // The file is still read: each count check stated by the removed source (count-checks.sourceId
    // → sources.id) now points at no row, reported after the size and hash of sources.
    const countChecks = parse(decode(files.get('data/count-checks.csv')), { record_delimiter: '\r\n' }) as string[][];
    const at = (countChecks[0] ?? []).indexOf('sourceId');
    const orphans = countChecks.flatMap((row, i) => (i > 0 && row[at] === removed ? [i + 1] : []));
    expect(orphans.length).toBeGreaterThan(0);
    const errors = validateData(descriptor, files).map(({ type, resource, rowNumber, fieldName }) => ({ type, resource, rowNumber, fieldName }));
    expect(errors).toEqual([
      { type: 'byte-count', resource: 'sources', rowNumber: undefined, fieldName: undefined },
      { type: 'hash-count', resource: 'sources', rowNumber: undefined, fieldName: undefined },
      ...orphans.map((rowNumber) => ({ type: 'foreign-key', resource: 'count-checks', rowNumber, fieldName: 'sourceId' })),
    ]);
  });

  it('reports a foreign key that resolves to no row', () => {
    let rowNumber = 0;
    const { descriptor, files } = rewriteCsv('memberships', (rows) => {
      const { row, index, at } = rowWhere(rows, 'authorityId', (c) => c !== '');
      row[at] = 'no-such-authority';
      rowNumber = index + 1;
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'foreign-key', resource: 'memberships', rowNumber, fieldName: 'authorityId' });
  });

  it('reports a count check of a forum that does not exist', () => {
    const { descriptor, files } = rewriteCsv('count-checks', (rows) => {
      const { row, at } = rowWhere(rows, 'forumId', (c) => c !== '');
      row[at] = 'no-such-forum';
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'foreign-key', resource: 'count-checks', fieldName: 'forumId' });
  });

  it('reports a count check stated by a source that does not exist', () => {
    let rowNumber = 0;
    const { descriptor, files } = rewriteCsv('count-checks', (rows) => {
      const { row, index, at } = rowWhere(rows, 'sourceId', (c) => c !== '');
      row[at] = 'no-such.site/page.en';
      rowNumber = index + 1;
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'foreign-key', resource: 'count-checks', rowNumber, fieldName: 'sourceId' });
  });

  it('reports a value outside its enum', () => {
    const { descriptor, files } = rewriteCsv('memberships', (rows) => {
      const { row, at } = rowWhere(rows, 'role', (c) => c === 'member' || c === 'lead');
      row[at] = 'boss';
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'constraint-error', resource: 'memberships', fieldName: 'role', message: expect.stringContaining('"boss" is not one of') });
  });

  it('reports a header that does not match the fields', () => {
    const { descriptor, files } = rewriteCsv('forums', (rows) => {
      (rows[0] as string[])[1] = 'name_english';
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'incorrect-label', resource: 'forums', fieldName: 'name_en', rowNumber: 1 });
  });

  it('reports a byte-order mark the encoding does not allow for', () => {
    const { descriptor, files } = rewriteCsv('forums', (rows) => {
      (rows[0] as string[])[0] = `\uFEFF${(rows[0] as string[])[0]}`;
    });
    expect(only(validateData(descriptor, files))).toMatchObject({ type: 'incorrect-label', fieldName: 'id' });
  });

  it('reports pattern, required, type and primary-key breaches', () => {
    const cases: [string, (rows: string[][]) => void, Partial<FrictionlessError>][] = [
      ['authorities', (rows) => {
        const { row, at } = rowWhere(rows, 'orgNumber', (c) => c !== '');
        row[at] = `${row[at]}0`;
      }, { type: 'constraint-error', fieldName: 'orgNumber' }],
      ['forums', (rows) => {
        const { row, at } = rowWhere(rows, 'sourceIds', (c) => c !== '');
        row[at] = '';
      }, { type: 'constraint-error', fieldName: 'sourceIds' }],
      ['forums', (rows) => {
        const { row, at } = rowWhere(rows, 'startYear', () => true);
        row[at] = '18';
      }, { type: 'type-error', fieldName: 'startYear' }],
      ['authorities', (rows) => {
        const { row, at } = rowWhere(rows, 'resolved', () => true);
        row[at] = 'TRUE';
      }, { type: 'type-error', fieldName: 'resolved' }],
      ['sources', (rows) => {
        const { row, at } = rowWhere(rows, 'url', (c) => c !== '');
        row[at] = 'not a url';
      }, { type: 'type-error', fieldName: 'url' }],
      ['authorities', (rows) => void rows.push([...(rows[1] as string[])]), { type: 'primary-key', resource: 'authorities' }],
    ];
    for (const [name, edit, expected] of cases) {
      const { descriptor, files } = rewriteCsv(name, edit);
      expect(only(validateData(descriptor, files)), JSON.stringify(expected)).toMatchObject(expected);
    }
  });

  it('rejects a descriptor the v2 profiles do not accept, such as a `list` field', () => {
    const descriptor = structuredClone(built.descriptor);
    const schema = resourceOf(descriptor, 'authorities').schema as Exclude<ResourceDescriptor['schema'], string | undefined>;
    (schema.fields[3] as FieldDescriptor).type = 'list';
    expect(validateDescriptor(descriptor).map((e) => e.type)).toContain('package-error');
    expect(validateDescriptor({ name: 'no-resources' }).length).toBeGreaterThan(0);
  });
});
