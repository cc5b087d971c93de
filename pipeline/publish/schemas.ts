import type { JSONSchema as TypesInput } from 'json-schema-to-typescript';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Authority } from '../../schemas/authority.js';
import { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import { CountCheck } from '../../schemas/count-check.js';
import { Evidence, Point } from '../../schemas/evidence.js';
import { Forum } from '../../schemas/forum.js';
import { Membership } from '../../schemas/membership.js';
import { Source } from '../../schemas/source.js';
import type { Dataset } from '../build.js';
import { compareCodeUnits } from '../util/compare.js';
import { utf8, type Writer } from './context.js';
import { TABLES } from './tables.js';

type JSONSchema = z.core.JSONSchema.BaseSchema;

/**
 * The record types published as `schema/<file>.schema.json`, and the interfaces of
 * `types/index.d.ts`. `table` ties a record to its `data/<table file>.json` (an array of it).
 */
export const RECORD_SCHEMAS = [
  { name: 'Authority', file: 'authority', schema: Authority, table: 'authorities' },
  { name: 'Forum', file: 'forum', schema: Forum, table: 'forums' },
  { name: 'Membership', file: 'membership', schema: Membership, table: 'memberships' },
  { name: 'CountCheck', file: 'count-check', schema: CountCheck, table: 'countChecks' },
  { name: 'CrossSourceCheck', file: 'cross-source-check', schema: CrossSourceCheck, table: 'crossSourceChecks' },
  { name: 'Source', file: 'source', schema: Source, table: 'sources' },
  { name: 'Evidence', file: 'evidence', schema: Evidence, table: undefined },
] as const satisfies readonly { name: string; file: string; schema: z.ZodType; table: keyof Dataset | undefined }[];

export type RecordSchema = (typeof RECORD_SCHEMAS)[number];

export const schemaPath = (record: RecordSchema): string => `schema/${record.file}.schema.json`;
export const TYPES_PATH = 'types/index.d.ts';

const EVIDENCE_DESCRIPTION = 'Where a fact comes from: a range of a source page and the exact text found there.';

/**
 * Shared parts written once under `$defs` with these names (also their interface names) rather
 * than inlined at every use. The descriptions restate the schemas' doc comments, which zod cannot read.
 */
const SHARED_DEFINITIONS = new Map<z.core.$ZodType, { id: string; description: string }>([
  [Evidence, { id: 'Evidence', description: EVIDENCE_DESCRIPTION }],
  [Point, { id: 'Point', description: 'A place in a source file: 1-based line and column, 0-based UTF-16 offset (as unist uses).' }],
]);

/**
 * Rules the zod schemas state with `.refine` — code that JSON Schema cannot read — restated as
 * JSON Schema so the published schemas reject what the pipeline rejects. The test checks that
 * zod and the JSON Schema agree on records breaking each rule. (The Luhn check of `orgNumber`
 * cannot be written in JSON Schema; its description says so.)
 */
const REFINEMENTS = new Map<z.core.$ZodType, JSONSchema>([
  // A name in Swedish or English: the name objects allow no other keys, so one key is one of the two.
  [Authority.shape.name, { minProperties: 1 }],
  [Forum.shape.name, { minProperties: 1 }],
  // A resolved authority has a Swedish name. (Spelled out so that Ajv's strict mode accepts it.)
  [Authority, { if: { properties: { resolved: { const: true } }, required: ['resolved'] }, then: { properties: { name: { type: 'object', properties: { sv: { type: 'string' } }, required: ['sv'] } } } }],
]);

/**
 * Metadata for zod's JSON Schema generator: the descriptions the schemas carry (zod's global
 * registry) plus an `id` for each shared part, which makes zod put it under `$defs`. Giving the
 * schemas ids with `.meta({ id })` instead would change them for every user and turn a root
 * schema into a bare `$ref`.
 */
class SharedDefinitionNames extends z.core.$ZodRegistry<Record<string, unknown>> {
  constructor(private readonly root: z.core.$ZodType) {
    super();
  }

  override get<S extends z.core.$ZodType>(schema: S): Record<string, unknown> | undefined {
    const meta = z.globalRegistry.get(schema);
    const shared = schema === this.root ? undefined : SHARED_DEFINITIONS.get(schema);
    return shared === undefined ? meta : { ...shared, ...meta };
  }
}

/** A record's description: its table's, shared with the CSV and Data Package outputs. */
function describeRecord(record: RecordSchema): string {
  if (record.table === undefined) return EVIDENCE_DESCRIPTION;
  const table = TABLES.find((t) => t.key === record.table);
  if (!table) throw new Error(`no table ${record.table} for the record ${record.name}`);
  return table.description;
}

/**
 * The JSON Schema (draft 2020-12) of one record, generated from its zod schema. `refinements:
 * false` leaves out the restated `.refine` rules, which only constrain values and would make
 * json-schema-to-typescript emit noise types.
 */
export function recordJsonSchema(record: RecordSchema, options: { refinements: boolean } = { refinements: true }): JSONSchema {
  const { $schema, ...body } = z.toJSONSchema(record.schema, {
    metadata: new SharedDefinitionNames(record.schema),
    override: ({ zodSchema, jsonSchema }) => {
      const rule = options.refinements ? REFINEMENTS.get(zodSchema) : undefined;
      if (rule) Object.assign(jsonSchema, rule);
    },
  });
  // Fixed key order: the identifying keys first, then zod's own order.
  return { $schema, $id: `${record.file}.schema.json`, title: record.name, description: describeRecord(record), ...body };
}

/** The `schema/*.schema.json` files: one self-contained JSON Schema per record. */
export function jsonSchemaFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const record of RECORD_SCHEMAS) files.set(schemaPath(record), utf8(`${JSON.stringify(recordJsonSchema(record), null, 2)}\n`));
  return files;
}

/**
 * One schema holding every record under `$defs`, so json-schema-to-typescript declares Evidence
 * and Point once (compiling each record alone would declare them once per record). Its root,
 * `DataFiles`, says what each `data/*.json` file holds.
 */
export function typesJsonSchema(): JSONSchema {
  const $defs: Record<string, JSONSchema> = {};
  for (const record of RECORD_SCHEMAS) {
    const { $schema, $id, $defs: shared, ...body } = recordJsonSchema(record, { refinements: false });
    Object.assign($defs, shared);
    $defs[record.name] = body;
  }
  const files = TABLES.map((t) => {
    const record = RECORD_SCHEMAS.find((r) => r.table === t.key);
    if (!record) throw new Error(`no record schema for the table ${t.key}`);
    return [`data/${t.file}.json`, { type: 'array', items: { $ref: `#/$defs/${record.name}` } }] as const;
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'DataFiles',
    description: 'What each file in data/ holds: a JSON array of records.',
    type: 'object',
    properties: Object.fromEntries(files),
    required: files.map(([path]) => path),
    additionalProperties: false,
    $defs: Object.fromEntries(Object.entries($defs).sort(([a], [b]) => compareCodeUnits(a, b))),
  };
}

const BANNER = '/* Generated by samverkan from schemas/*.ts — do not edit. */';

/** What the types are compiled with: a different setting or schema is a different cache entry. */
const TYPES_OPTIONS = {
  bannerComment: BANNER,
  additionalProperties: false,
  // Arrays with `minItems` stay `T[]`, as zod infers them, rather than `[T, ...T[]]`.
  ignoreMinAndMaxItems: true,
  unknownAny: true,
  format: true,
  style: { printWidth: 120, singleQuote: true, semi: true, tabWidth: 2, trailingComma: 'all', bracketSpacing: true, useTabs: false },
} as const;

/** A store for compiled types (see pipeline/io/cache.ts); the key holds the schema's hash. */
export interface TypesCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/**
 * `types/index.d.ts`: one interface per record, compiled from the JSON Schemas.
 * json-schema-to-typescript (with prettier) is slow to load, so it is loaded only when the cache
 * has no entry for this exact schema.
 */
export async function compileTypes(cache?: TypesCache): Promise<string> {
  const schema = typesJsonSchema();
  const key = `types:${createHash('sha256').update(JSON.stringify({ schema, TYPES_OPTIONS })).digest('hex')}`;
  const cached = await cache?.get(key);
  if (cached !== undefined) return cached;
  const { compile } = await import('json-schema-to-typescript');
  // json-schema-to-typescript types its input as draft 4; it reads 2020-12's `$defs` all the same.
  const types = await compile(schema as TypesInput, 'DataFiles', { ...TYPES_OPTIONS, style: { ...TYPES_OPTIONS.style } });
  await cache?.set(key, types);
  return types;
}

/** The schema and types files never depend on the dataset: built once per process. */
let building: Promise<Map<string, Uint8Array>> | undefined;
let built: ReadonlyMap<string, Uint8Array> | undefined;

const copyFiles = (files: ReadonlyMap<string, Uint8Array>) => new Map([...files].map(([path, bytes]) => [path, bytes.slice()]));

/**
 * Every file of `schema/` and `types/`. The build awaits this and merges its files: the types
 * need json-schema-to-typescript, which is asynchronous, so no synchronous Writer can make them.
 */
export function buildSchemaFiles(cache?: TypesCache): Promise<Map<string, Uint8Array>> {
  building ??= compileTypes(cache).then((types) => {
    const files = jsonSchemaFiles();
    files.set(TYPES_PATH, utf8(types));
    built = files;
    return files;
  });
  return building.then(copyFiles);
}

export class SchemaFilesNotBuiltError extends Error {
  override name = 'SchemaFilesNotBuiltError';
}

/**
 * The same files as a Writer, for a list of writers: only after `await buildSchemaFiles()` has
 * run in this process. Called earlier it throws rather than publish the schemas without
 * `types/index.d.ts`.
 */
export const schemaWriter: Writer = () => {
  if (!built) throw new SchemaFilesNotBuiltError('schemaWriter ran before `await buildSchemaFiles()`: types/index.d.ts is compiled asynchronously (a bug in samverkan: nothing was written)');
  return copyFiles(built);
};
