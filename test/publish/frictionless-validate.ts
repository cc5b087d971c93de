// A test helper doing what `frictionless validate datapackage.json` does, without Python or the
// network: the descriptor against the official v2 profiles, then every CSV resource against its
// descriptor (bytes, hash, header, types, constraints, primary and foreign keys). Errors use
// frictionless' error types (`hash-count`, `foreign-key`, …) so reports read alike.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../helpers/pipeline.js';

export type ErrorType =
  | 'package-error'
  | 'resource-error'
  | 'schema-error'
  | 'source-error'
  | 'encoding-error'
  | 'byte-count'
  | 'hash-count'
  | 'incorrect-label'
  | 'missing-label'
  | 'extra-label'
  | 'blank-row'
  | 'extra-cell'
  | 'missing-cell'
  | 'type-error'
  | 'constraint-error'
  | 'primary-key'
  | 'foreign-key';

export interface FrictionlessError {
  type: ErrorType;
  resource?: string;
  /** 1-based, the header being row 1 (as frictionless counts) */
  rowNumber?: number;
  fieldName?: string;
  message: string;
}

/** The parts of a descriptor this helper reads; anything else is left to the profiles. */
export interface FieldDescriptor {
  name: string;
  type?: string;
  format?: string;
  trueValues?: string[];
  falseValues?: string[];
  missingValues?: string[];
  constraints?: {
    required?: boolean;
    unique?: boolean;
    enum?: (string | number | boolean)[];
    pattern?: string;
    minLength?: number;
    maxLength?: number;
    minimum?: string | number;
    maximum?: string | number;
  };
}
type Names = string | string[];
export interface SchemaDescriptor {
  fields: FieldDescriptor[];
  missingValues?: (string | { value: string })[];
  primaryKey?: Names;
  foreignKeys?: { fields: Names; reference: { resource?: string; fields: Names } }[];
}
export interface ResourceDescriptor {
  name: string;
  path?: string | string[];
  encoding?: string;
  bytes?: number;
  hash?: string;
  dialect?: { header?: boolean; delimiter?: string; lineTerminator?: string; quoteChar?: string; doubleQuote?: boolean };
  schema?: SchemaDescriptor | string;
}
export interface PackageDescriptor {
  resources: ResourceDescriptor[];
}

// ---------------------------------------------------------------------------------- profiles

export const profilesDir = path.resolve(projectRoot, '../shared/reference/frictionless-profiles-2.0');
const PROFILE_FILES = ['datapackage.json', 'dataresource.json', 'tableschema.json', 'tabledialect.json'] as const;
type Profile = (typeof PROFILE_FILES)[number];

let profiles: Map<Profile, ValidateFunction> | undefined;
/** The four profiles, loaded from disk under their file names so no $ref goes to the network. */
function loadProfiles(): Map<Profile, ValidateFunction> {
  if (profiles) return profiles;
  // strict: false because the profiles use the non-standard keyword `propertyOrder` (see README)
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('textarea', true);
  for (const file of PROFILE_FILES) ajv.addSchema(JSON.parse(readFileSync(path.join(profilesDir, file), 'utf8')) as object, file);
  profiles = new Map(PROFILE_FILES.map((file) => [file, ajv.getSchema(file) as ValidateFunction]));
  return profiles;
}

function profileErrors(profile: Profile, value: unknown, where: string, type: ErrorType, resource?: string): FrictionlessError[] {
  const validate = loadProfiles().get(profile) as ValidateFunction;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ type, ...(resource ? { resource } : {}), message: `${where}${e.instancePath} ${e.message ?? 'is invalid'} (${profile}${e.schemaPath})` }));
}

/** The descriptor against datapackage.json, and each resource, dialect and schema against its own profile. */
export function validateDescriptor(descriptor: unknown): FrictionlessError[] {
  const errors = profileErrors('datapackage.json', descriptor, 'package', 'package-error');
  const resources = (descriptor as Partial<PackageDescriptor> | null)?.resources;
  for (const [i, resource] of (Array.isArray(resources) ? resources : []).entries()) {
    const where = `resources/${i}`;
    errors.push(...profileErrors('dataresource.json', resource, where, 'resource-error', resource.name));
    if (resource.dialect !== undefined) errors.push(...profileErrors('tabledialect.json', resource.dialect, `${where}/dialect`, 'resource-error', resource.name));
    if (resource.schema !== undefined) errors.push(...profileErrors('tableschema.json', resource.schema, `${where}/schema`, 'schema-error', resource.name));
  }
  return errors;
}

// ---------------------------------------------------------------------------------- data

type Value = string | number | boolean;
/** A row as typed values by field name; null is a missing value. */
type Row = Map<string, Value | null>;
interface Table {
  resource: ResourceDescriptor;
  schema: SchemaDescriptor;
  rows: { rowNumber: number; values: Row }[];
}

const names = (n: Names | undefined): string[] => (n === undefined ? [] : typeof n === 'string' ? [n] : n);

const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The cell as its field's type, or a reason it is not one; `unsupported` for what this helper does not read. */
function castCell(field: FieldDescriptor, cell: string): { value: Value } | { error: string } | { unsupported: string } {
  const type = field.type ?? 'string';
  const format = field.format ?? 'default';
  switch (type) {
    case 'string':
      if (format === 'default') return { value: cell };
      if (format === 'uri') return URL.canParse(cell) ? { value: cell } : { error: 'not a URI' };
      if (format === 'email') return /^[^@\s]+@[^@\s]+$/u.test(cell) ? { value: cell } : { error: 'not an email address' };
      return { unsupported: `string format ${format}` };
    case 'integer':
      return /^[+-]?\d+$/u.test(cell) ? { value: Number(cell) } : { error: 'not an integer' };
    case 'boolean':
      if ((field.trueValues ?? TRUE_VALUES).includes(cell)) return { value: true };
      if ((field.falseValues ?? FALSE_VALUES).includes(cell)) return { value: false };
      return { error: 'not one of the true or false values' };
    case 'year':
      return /^\d{4}$/u.test(cell) ? { value: Number(cell) } : { error: 'not a four-digit year' };
    case 'date':
      if (format !== 'default') return { unsupported: `date format ${format}` };
      return isCalendarDate(cell) ? { value: cell } : { error: 'not a date as YYYY-MM-DD' };
    default:
      return { unsupported: `type ${type}` };
  }
}

/** Every constraint the value breaks (required and unique are checked by the caller). */
function constraintErrors(field: FieldDescriptor, cell: string, value: Value): string[] {
  const c = field.constraints ?? {};
  const errors: string[] = [];
  const typed = (v: string | number | boolean): Value | undefined => {
    if (typeof v !== 'string') return v;
    const cast = castCell(field, v);
    return 'value' in cast ? cast.value : undefined;
  };
  if (c.enum && !c.enum.some((e) => typed(e) === value)) errors.push(`"${cell}" is not one of ${JSON.stringify(c.enum)}`);
  if (c.pattern !== undefined && (field.type ?? 'string') === 'string') {
    // Table Schema patterns match the whole value (XML Schema regular expressions are anchored)
    if (!new RegExp(`^(?:${c.pattern})$`, 'u').test(cell)) errors.push(`"${cell}" does not match ${c.pattern}`);
  }
  const length = [...cell].length;
  if (c.minLength !== undefined && length < c.minLength) errors.push(`"${cell}" is shorter than ${c.minLength}`);
  if (c.maxLength !== undefined && length > c.maxLength) errors.push(`"${cell}" is longer than ${c.maxLength}`);
  const min = c.minimum === undefined ? undefined : typed(c.minimum);
  const max = c.maximum === undefined ? undefined : typed(c.maximum);
  if (min !== undefined && value < min) errors.push(`${cell} is below the minimum ${String(c.minimum)}`);
  if (max !== undefined && value > max) errors.push(`${cell} is above the maximum ${String(c.maximum)}`);
  return errors;
}

function checkLabels(resource: string, labels: readonly string[], fields: readonly FieldDescriptor[]): FrictionlessError[] {
  const errors: FrictionlessError[] = [];
  for (let i = 0; i < Math.max(labels.length, fields.length); i++) {
    const label = labels[i];
    const field = fields[i];
    if (label === undefined) errors.push({ type: 'missing-label', resource, fieldName: field?.name, rowNumber: 1, message: `Missing label for field ${field?.name ?? '?'} at position ${i + 1}` });
    else if (field === undefined) errors.push({ type: 'extra-label', resource, rowNumber: 1, message: `Unexpected label "${label}" at position ${i + 1}, no field is declared there` });
    else if (label !== field.name) errors.push({ type: 'incorrect-label', resource, fieldName: field.name, rowNumber: 1, message: `Unexpected label "${label}" at position ${i + 1}, expected "${field.name}"` });
  }
  return errors;
}

const sha = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

/** Bytes, hash and text of a resource's file, or the errors that stop it from being read. */
function readResource(resource: ResourceDescriptor, files: ReadonlyMap<string, Uint8Array>, errors: FrictionlessError[]): string | undefined {
  const name = resource.name;
  if (typeof resource.path !== 'string') {
    errors.push({ type: 'resource-error', resource: name, message: 'only a single path is supported' });
    return undefined;
  }
  const bytes = files.get(resource.path);
  if (!bytes) {
    errors.push({ type: 'resource-error', resource: name, message: `no file at ${resource.path}` });
    return undefined;
  }
  if (resource.bytes !== undefined && resource.bytes !== bytes.length) errors.push({ type: 'byte-count', resource: name, message: `The file has ${bytes.length} bytes, the descriptor says ${resource.bytes}` });
  if (resource.hash !== undefined) {
    const [algorithm, expected] = resource.hash.includes(':') ? (resource.hash.split(':', 2) as [string, string]) : ['md5', resource.hash];
    let actual: string | undefined;
    try {
      actual = sha(algorithm.toLowerCase(), bytes);
    } catch {
      errors.push({ type: 'hash-count', resource: name, message: `unknown hash algorithm ${algorithm}` });
    }
    if (actual !== undefined && actual !== expected.toLowerCase()) errors.push({ type: 'hash-count', resource: name, message: `The file's ${algorithm} is ${actual}, the descriptor says ${expected}` });
  }
  const encoding = (resource.encoding ?? 'utf-8').toLowerCase();
  if (encoding !== 'utf-8' && encoding !== 'utf8') {
    errors.push({ type: 'encoding-error', resource: name, message: `encoding ${encoding} is not supported by this helper` });
    return undefined;
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text: with `utf-8` declared it is data, and it ends up in the first label
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    errors.push({ type: 'encoding-error', resource: name, message: 'the file is not valid UTF-8' });
    return undefined;
  }
}

/** Parse one CSV resource into typed rows, reporting header, cell, type and constraint errors. */
function readTable(resource: ResourceDescriptor, files: ReadonlyMap<string, Uint8Array>, errors: FrictionlessError[]): Table | undefined {
  const name = resource.name;
  if (typeof resource.schema !== 'object') {
    errors.push({ type: 'schema-error', resource: name, message: 'a resource without an inline Table Schema' });
    return undefined;
  }
  const schema = resource.schema;
  const text = readResource(resource, files, errors);
  if (text === undefined) return undefined;
  const dialect = resource.dialect ?? {};
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: dialect.delimiter ?? ',',
      quote: dialect.quoteChar ?? '"',
      escape: dialect.doubleQuote === false ? null : (dialect.quoteChar ?? '"'),
      record_delimiter: dialect.lineTerminator ?? ['\r\n', '\n'],
      bom: false,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    errors.push({ type: 'source-error', resource: name, message: `the CSV cannot be parsed: ${(e as Error).message}` });
    return undefined;
  }
  const header = dialect.header ?? true;
  const fields = schema.fields;
  if (header) errors.push(...checkLabels(name, records[0] ?? [], fields));
  const missing = new Set((schema.missingValues ?? ['']).map((m) => (typeof m === 'string' ? m : m.value)));
  const seen = new Map<string, Set<Value>>();
  const unsupported = new Set<string>();
  const rows: Table['rows'] = [];
  records.slice(header ? 1 : 0).forEach((cells, i) => {
    const rowNumber = i + (header ? 2 : 1);
    if (cells.every((c) => c === '')) {
      errors.push({ type: 'blank-row', resource: name, rowNumber, message: `Row ${rowNumber} is blank` });
      return;
    }
    if (cells.length > fields.length) errors.push({ type: 'extra-cell', resource: name, rowNumber, message: `Row ${rowNumber} has ${cells.length} cells for ${fields.length} fields` });
    const values: Row = new Map();
    fields.forEach((field, f) => {
      const at = { resource: name, rowNumber, fieldName: field.name };
      const cell = cells[f];
      if (cell === undefined) {
        errors.push({ type: 'missing-cell', ...at, message: `Row ${rowNumber} has no cell for ${field.name}` });
        values.set(field.name, null);
        return;
      }
      if ((field.missingValues ? new Set(field.missingValues) : missing).has(cell)) {
        if (field.constraints?.required) errors.push({ type: 'constraint-error', ...at, message: `Row ${rowNumber}: ${field.name} is required but empty` });
        values.set(field.name, null);
        return;
      }
      const cast = castCell(field, cell);
      if ('unsupported' in cast) {
        if (!unsupported.has(field.name)) errors.push({ type: 'schema-error', resource: name, fieldName: field.name, message: `${cast.unsupported} is not supported by this helper` });
        unsupported.add(field.name);
        values.set(field.name, cell);
        return;
      }
      if ('error' in cast) {
        errors.push({ type: 'type-error', ...at, message: `Row ${rowNumber}: ${field.name} "${cell}" is ${cast.error} (type ${field.type ?? 'string'})` });
        values.set(field.name, null);
        return;
      }
      for (const message of constraintErrors(field, cell, cast.value)) errors.push({ type: 'constraint-error', ...at, message: `Row ${rowNumber}: ${field.name} ${message}` });
      if (field.constraints?.unique) {
        const earlier = seen.get(field.name) ?? new Set<Value>();
        if (earlier.has(cast.value)) errors.push({ type: 'constraint-error', ...at, message: `Row ${rowNumber}: ${field.name} "${cell}" is not unique` });
        seen.set(field.name, earlier.add(cast.value));
      }
      values.set(field.name, cast.value);
    });
    rows.push({ rowNumber, values });
  });
  return { resource, schema, rows };
}

const keyOf = (row: Row, fields: readonly string[]) => JSON.stringify(fields.map((f) => row.get(f) ?? null));

function checkPrimaryKey(table: Table, errors: FrictionlessError[]): void {
  const fields = names(table.schema.primaryKey);
  if (fields.length === 0) return;
  const name = table.resource.name;
  const declared = new Set(table.schema.fields.map((f) => f.name));
  const unknown = fields.filter((f) => !declared.has(f));
  if (unknown.length > 0) {
    errors.push({ type: 'schema-error', resource: name, message: `primary key field ${unknown.join(', ')} is not declared` });
    return;
  }
  const firstRow = new Map<string, number>();
  for (const { rowNumber, values } of table.rows) {
    const key = keyOf(values, fields);
    if (fields.some((f) => values.get(f) === null)) errors.push({ type: 'primary-key', resource: name, rowNumber, message: `Row ${rowNumber}: the primary key ${fields.join(', ')} has an empty cell` });
    else if (firstRow.has(key)) errors.push({ type: 'primary-key', resource: name, rowNumber, message: `Row ${rowNumber}: the primary key ${key} is already in row ${firstRow.get(key)}` });
    else firstRow.set(key, rowNumber);
  }
}

function checkForeignKeys(table: Table, tables: ReadonlyMap<string, Table>, errors: FrictionlessError[]): void {
  const name = table.resource.name;
  for (const foreignKey of table.schema.foreignKeys ?? []) {
    const fields = names(foreignKey.fields);
    const target = foreignKey.reference.resource ? tables.get(foreignKey.reference.resource) : table;
    const targetFields = names(foreignKey.reference.fields);
    if (!target) {
      errors.push({ type: 'foreign-key', resource: name, message: `foreign key ${fields.join(', ')} refers to resource ${foreignKey.reference.resource ?? ''}, which the package does not have (or could not read)` });
      continue;
    }
    const targetNames = new Set(target.schema.fields.map((f) => f.name));
    if (fields.length !== targetFields.length || targetFields.some((f) => !targetNames.has(f))) {
      errors.push({ type: 'schema-error', resource: name, message: `foreign key ${fields.join(', ')} → ${target.resource.name}.${targetFields.join(', ')} does not match the referenced fields` });
      continue;
    }
    const keys = new Set(target.rows.map((r) => keyOf(r.values, targetFields)));
    for (const { rowNumber, values } of table.rows) {
      // a key that is wholly missing refers to nothing, as in SQL
      if (fields.every((f) => values.get(f) === null)) continue;
      const key = keyOf(values, fields);
      if (!keys.has(key)) errors.push({ type: 'foreign-key', resource: name, rowNumber, fieldName: fields.join(','), message: `Row ${rowNumber}: ${fields.join(', ')} ${key} is not a ${targetFields.join(', ')} of ${target.resource.name}` });
    }
  }
}

/** Every resource's file against its descriptor, then the keys across resources. */
export function validateData(descriptor: PackageDescriptor, files: ReadonlyMap<string, Uint8Array>): FrictionlessError[] {
  const errors: FrictionlessError[] = [];
  const tables = new Map<string, Table>();
  for (const resource of descriptor.resources) {
    const table = readTable(resource, files, errors);
    if (table) tables.set(resource.name, table);
  }
  for (const table of tables.values()) checkPrimaryKey(table, errors);
  for (const table of tables.values()) checkForeignKeys(table, tables, errors);
  return errors;
}

/** `frictionless validate`: the descriptor, then the data it describes. */
export function validatePackage(descriptor: PackageDescriptor, files: ReadonlyMap<string, Uint8Array>): FrictionlessError[] {
  return [...validateDescriptor(descriptor), ...validateData(descriptor, files)];
}
