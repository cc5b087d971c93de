import { z } from 'zod';
import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';
import { utf8, type PublishContext, type Writer } from './context.js';
import { TABLES, type Column, type ColumnType, type Table } from './tables.js';

/**
 * dist/datapackage.json: a Frictionless Data Package v2 describing the canonical CSV files, so
 * `frictionless validate dist/datapackage.json` (or any Data Package reader) can check and load
 * them with types, keys and constraints. The excel/ variants are copies for spreadsheets and are
 * left out: a package describes each table once.
 */

const PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/**
 * The dialect csvWriter writes (RFC 4180). These are the Table Dialect defaults, spelt out so a
 * reader that guesses (sniffs) the dialect is told instead.
 */
const DIALECT = { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true } as const;

/**
 * Column types are Table Schema types by design; the map makes adding a column type a decision
 * here. (`list` is not one: the v2 profiles reject it, so lists are strings joined with `;`.)
 */
const FIELD_TYPE: Record<ColumnType, string> = { string: 'string', integer: 'integer', boolean: 'boolean', year: 'year', date: 'date' };

/** Table Schema string formats that a JSON Schema `format` of the record schema maps to. */
const STRING_FORMAT: Readonly<Record<string, string>> = { uri: 'uri', email: 'email' };

interface Constraints {
  required?: true;
  enum?: readonly string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

interface FieldDescriptor {
  name: string;
  type: string;
  format?: string;
  description: string;
  trueValues?: readonly string[];
  falseValues?: readonly string[];
  constraints?: Constraints;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The record schema's JSON Schema node for a column: a column named like a field (`orgNumber`),
 * or like a nested field joined with `_` (`name_sv` → `name.sv`), is a view of that field.
 * Undefined for columns computed from several fields (`evidence_quotes`).
 */
function propertyOf(recordSchema: JsonObject, columnName: string): JsonObject | undefined {
  let node: unknown = recordSchema;
  for (const key of columnName.split('_')) {
    const properties = isObject(node) ? node['properties'] : undefined;
    node = isObject(properties) ? properties[key] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/**
 * zod writes `.int()` as bounds of ±(2^53 − 1): a limit of JavaScript numbers, not of the data,
 * so it is not published as a constraint.
 */
const isDataBound = (v: unknown): v is number => typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER;

/**
 * Constraints and format from the column (required, enum) and from the zod record schema, which
 * stays the single source of truth for patterns and ranges. Patterns are published as zod has
 * them, anchored (`^…$`): that reads the same whether a validator matches the whole value
 * (frictionless-py) or searches in it (frictionless-ts). A list cell is a joined string, so the
 * item schema's pattern does not apply to it and is not published.
 */
function fieldOf<R>(column: Column<R>, recordSchema: JsonObject): FieldDescriptor {
  const constraints: Constraints = {};
  if (column.required) constraints.required = true;
  if (column.enum) constraints.enum = column.enum;
  let format: string | undefined;
  const property = column.list ? undefined : propertyOf(recordSchema, column.name);
  if (property && column.type === 'string' && property['type'] === 'string') {
    if (typeof property['pattern'] === 'string') constraints.pattern = property['pattern'];
    if (typeof property['format'] === 'string') format = STRING_FORMAT[property['format']];
  }
  if (property && (column.type === 'integer' || column.type === 'year') && property['type'] === 'integer') {
    if (isDataBound(property['minimum'])) constraints.minimum = property['minimum'];
    if (isDataBound(property['maximum'])) constraints.maximum = property['maximum'];
  }
  return {
    name: column.name,
    type: FIELD_TYPE[column.type],
    ...(format ? { format } : {}),
    description: column.list ? listDescription(column.description) : column.description,
    // cellText writes booleans as true/false: say so, rather than accept the defaults' 1/0/TRUE…
    ...(column.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

/** A list column is a string whose description says how to split it (see joinList). */
function listDescription(description: string): string {
  const escaping = 'a ; or \\ inside an item is escaped with \\';
  return /joined with ;/u.test(description) ? `${description} (${escaping})` : `${description}: a list joined with ; (${escaping})`;
}

function tableSchemaOf(table: Table) {
  const recordSchema = z.toJSONSchema(table.schema) as JsonObject;
  return {
    fields: table.columns.map((column) => fieldOf(column, recordSchema)),
    missingValues: [''],
    primaryKey: table.primaryKey,
    // the profile wants at least one foreign key when the property is there
    ...(table.foreignKeys.length > 0 ? { foreignKeys: table.foreignKeys } : {}),
  };
}

/** Keys that name a column or resource that does not exist are a bug in tables.ts: stop. */
function assertKeysResolve(): void {
  for (const table of TABLES) {
    const names = new Set(table.columns.map((c) => c.name));
    const fields = [...table.primaryKey, ...table.foreignKeys.flatMap((k) => k.fields)];
    for (const name of fields) if (!names.has(name)) throw new Error(`${table.file}: key field ${name} is not a column`);
    for (const { reference } of table.foreignKeys) {
      const target = TABLES.find((t) => t.file === reference.resource);
      if (!target) throw new Error(`${table.file}: foreign key to unknown resource ${reference.resource}`);
      for (const name of reference.fields) if (!target.columns.some((c) => c.name === name)) throw new Error(`${table.file}: foreign key to unknown field ${reference.resource}.${name}`);
    }
  }
}

function resourceOf(table: Table, files: PublishContext['files']) {
  const path = `data/${table.file}.csv`;
  const made = files.get(path);
  if (!made) throw new Error(`${path} is missing: the Data Package writer must run after the CSV writer`);
  return {
    name: table.file,
    type: 'table',
    path,
    scheme: 'file',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes: made.byteLength,
    hash: `sha256:${made.sha256}`,
    title: table.title,
    description: table.description,
    dialect: DIALECT,
    schema: tableSchemaOf(table),
  };
}

/** Each source page that has an address, once, in dataset order. */
function packageSources(dataset: Dataset): { title?: string; path: string }[] {
  const seen = new Set<string>();
  const sources: { title?: string; path: string }[] = [];
  for (const source of dataset.sources) {
    if (source.url === undefined || seen.has(source.url)) continue;
    seen.add(source.url);
    sources.push({ ...(source.title !== undefined ? { title: source.title } : {}), path: source.url });
  }
  return sources;
}

function contributorsOf(config: PublicationConfig) {
  return config.contributors.map((c) => ({ title: c.title, ...(c.path !== undefined ? { path: c.path } : {}), roles: c.roles }));
}

/**
 * The descriptor. No `created`: it is the time the descriptor was made, and a build time would
 * make two builds of the same data differ; the newest source date is not that either.
 */
export function dataPackage(context: PublishContext) {
  const { dataset, config } = context;
  assertKeysResolve();
  return {
    $schema: PROFILE,
    name: config.name,
    title: config.title.en,
    description: config.description.en,
    // custom property: the Swedish texts, since title, description and keywords hold one language
    sv: { title: config.title.sv, description: config.description.sv, keywords: config.keywords.sv },
    homepage: config.landingPage,
    version: context.version,
    keywords: config.keywords.en,
    licenses: [{ name: config.license.name, path: config.license.path, title: config.license.title }],
    contributors: contributorsOf(config),
    sources: packageSources(dataset),
    resources: TABLES.map((table) => resourceOf(table, context.files)),
  };
}

/** `datapackage.json`: two-space JSON with a final newline, keys in the order written above. */
export const datapackageWriter: Writer = (context: PublishContext) => new Map([['datapackage.json', utf8(`${JSON.stringify(dataPackage(context), null, 2)}\n`)]]);
