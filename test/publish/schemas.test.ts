import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import { jsonFiles } from '../../pipeline/publish/json.js';
import {
  buildSchemaFiles,
  compileTypes,
  jsonSchemaFiles,
  RECORD_SCHEMAS,
  SchemaFilesNotBuiltError,
  schemaPath,
  schemaWriter,
  TYPES_PATH,
  type RecordSchema,
} from '../../pipeline/publish/schemas.js';
import { TABLES } from '../../pipeline/publish/tables.js';
import { projectDataset, projectRoot } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const record = (name: RecordSchema['name']): RecordSchema => RECORD_SCHEMAS.find((r) => r.name === name) as RecordSchema;
const clone = <T>(value: T): T => structuredClone(value);

/**
 * A cross-source check as the count-disagreement rule makes it: the project's sources (one page)
 * give none, so this hand-made one stands in for the table.
 */
const crossSourceCheck: CrossSourceCheck = {
  id: 'harbour-council--count-disagreement--members',
  forumId: 'harbour-council',
  rule: 'count-disagreement',
  group: 'members',
  authorityIds: [],
  sourceIds: ['harbour.example/council.en', 'harbour.example/council.en.2024-09-15'],
  newerSourceId: 'harbour.example/council.en.2024-09-15',
  message: 'Unexpected count: this source states 4 members (“four authorities”), another states 3 (“three authorities”); this source is the newest',
  evidence: [
    { sourceId: 'harbour.example/council.en', start: { line: 9, column: 9, offset: 412 }, end: { line: 9, column: 26, offset: 429 }, quote: 'three authorities' },
    { sourceId: 'harbour.example/council.en.2024-09-15', start: { line: 9, column: 9, offset: 430 }, end: { line: 9, column: 25, offset: 446 }, quote: 'four authorities' },
  ],
};

// Called on import, before any hook of this file builds the files (the module keeps them once built).
const beforeBuild = (() => {
  try {
    return schemaWriter({} as never);
  } catch (error) {
    return error;
  }
})();

describe('schemaWriter before buildSchemaFiles', () => {
  it('throws instead of publishing schemas without types', () => {
    expect(beforeBuild).toBeInstanceOf(SchemaFilesNotBuiltError);
    expect(String(beforeBuild)).toContain('await buildSchemaFiles()');
  });
});

let files: Map<string, Uint8Array>;
let dataset: Dataset;
let ajv: Ajv2020;
/** Validate against the published schema file of a record; returns Ajv's errors (empty when valid). */
let validate: (name: RecordSchema['name'], value: unknown) => { instancePath: string; keyword: string }[];

beforeAll(async () => {
  files = await buildSchemaFiles();
  ({ dataset } = await projectDataset());
  ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  for (const r of RECORD_SCHEMAS) ajv.addSchema(JSON.parse(decode(files.get(schemaPath(r)))) as object);
  validate = (name, value) => {
    const check = ajv.getSchema(`${record(name).file}.schema.json`);
    if (!check) throw new Error(`no schema for ${name}`);
    return check(value) ? [] : (check.errors ?? []).map(({ instancePath, keyword }) => ({ instancePath, keyword }));
  };
}, 60_000);

describe('buildSchemaFiles', () => {
  it('makes one schema per record and the types, at the paths of the contract', () => {
    expect([...files.keys()]).toEqual([
      'schema/authority.schema.json',
      'schema/forum.schema.json',
      'schema/membership.schema.json',
      'schema/count-check.schema.json',
      'schema/cross-source-check.schema.json',
      'schema/source.schema.json',
      'schema/evidence.schema.json',
      'types/index.d.ts',
    ]);
  });

  it('is deterministic: the same bytes when made again, and the same from schemaWriter', async () => {
    const again = jsonSchemaFiles();
    for (const [p, bytes] of again) expect(decode(files.get(p))).toBe(decode(bytes));
    expect(decode(files.get(TYPES_PATH))).toBe(await compileTypes());
    const written = schemaWriter({} as never);
    expect([...written.keys()]).toEqual([...files.keys()]);
    for (const [p, bytes] of written) expect(bytes).toEqual(files.get(p));
  });

  it('writes self-contained draft 2020-12 schemas with Evidence and Point defined once', () => {
    const forum = JSON.parse(decode(files.get('schema/forum.schema.json'))) as Record<string, unknown>;
    expect(forum).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'forum.schema.json', title: 'Forum', type: 'object' });
    expect(Object.keys(forum.$defs as object)).toEqual(['Evidence', 'Point']);
    const text = decode(files.get('schema/forum.schema.json'));
    expect(text.match(/"quote"/gu)).toHaveLength(2); // property and `required` of the one Evidence definition
    expect(text).not.toMatch(/"\$ref": "(?!#\/\$defs\/)/u); // no reference leaves the file
    for (const r of RECORD_SCHEMAS) {
      const schema = JSON.parse(decode(files.get(schemaPath(r)))) as object;
      expect(ajv.validateSchema(schema), `${r.file}: ${ajv.errorsText()}`).toBe(true);
      expect(decode(files.get(schemaPath(r))).endsWith('}\n')).toBe(true);
    }
  });

  it('keeps the descriptions the zod schemas carry', () => {
    const membership = JSON.parse(decode(files.get('schema/membership.schema.json'))) as { description: string; properties: { since: { description: string } } };
    expect(membership.description).toMatch(/^Who takes part in which forum/u);
    expect(membership.properties.since.description).toBe('year the participant joined, when stated');
  });
});

describe('the project dataset against its schemas', () => {
  it('validates every record of every table', () => {
    let checked = 0;
    for (const r of RECORD_SCHEMAS) {
      if (r.table === undefined) continue;
      const records: readonly unknown[] = dataset[r.table];
      // One page cannot disagree with another: the hand-made check below stands in for this table.
      if (r.table === 'crossSourceChecks') expect(records, r.table).toEqual([]);
      else expect(records.length, r.table).toBeGreaterThan(0);
      records.forEach((value, i) => {
        expect(validate(r.name, value), `${r.table}[${i}]`).toEqual([]);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('validates a cross-source check, which the project dataset has none of', () => {
    expect(record('CrossSourceCheck').schema.safeParse(crossSourceCheck).success).toBe(true);
    expect(validate('CrossSourceCheck', crossSourceCheck)).toEqual([]);
    const written = JSON.parse(decode(inMemory(jsonFiles({ ...dataset, crossSourceChecks: [crossSourceCheck] })).get('data/cross-source-checks.json'))) as unknown[];
    expect(written).toHaveLength(1);
    expect(validate('CrossSourceCheck', written[0])).toEqual([]);
  });

  it('validates each data/*.json file as the JSON writer writes it', () => {
    const written = inMemory(jsonFiles(dataset));
    for (const r of RECORD_SCHEMAS) {
      if (r.table === undefined) continue;
      const file = `data/${TABLES.find((t) => t.key === r.table)?.file}.json`;
      expect(written.has(file), file).toBe(true);
      const records = JSON.parse(decode(written.get(file))) as unknown[];
      expect(records).toHaveLength(dataset[r.table].length);
      records.forEach((value, i) => expect(validate(r.name, value), `${file}[${i}]`).toEqual([]));
    }
  });

  it('validates every piece of evidence against evidence.schema.json', () => {
    const evidence = [...dataset.memberships.flatMap((m) => m.evidence), ...dataset.forums.flatMap((f) => f.evidence), ...dataset.countChecks.flatMap((c) => c.evidence), ...crossSourceCheck.evidence];
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(validate('Evidence', e)).toEqual([]);
  });
});

describe('broken records', () => {
  const authority = () => clone(dataset.authorities.find((a) => a.resolved && a.orgNumber !== undefined && a.name.en !== undefined) ?? expect.fail('no resolved authority with an org number'));
  const membership = () => clone(dataset.memberships[0] ?? expect.fail('no membership'));
  const forum = () => clone(dataset.forums[0] ?? expect.fail('no forum'));
  const countCheck = () => clone(dataset.countChecks[0] ?? expect.fail('no count check'));

  /** Each case breaks one rule; zod (the source of truth) and the JSON Schema must both reject it, at the same place. */
  const cases: { rule: string; name: RecordSchema['name']; make: () => unknown; at: string; keyword: string }[] = [
    { rule: 'orgNumber not NNNNNN-NNNN', name: 'Authority', make: () => ({ ...authority(), orgNumber: '2021002163' }), at: '/orgNumber', keyword: 'pattern' },
    { rule: 'unknown role', name: 'Membership', make: () => ({ ...membership(), role: 'boss' }), at: '/role', keyword: 'enum' },
    { rule: 'extra field', name: 'Membership', make: () => ({ ...membership(), weight: 1 }), at: '', keyword: 'additionalProperties' },
    { rule: 'extra field in nested evidence', name: 'Membership', make: () => { const m = membership(); Object.assign(m.evidence[0] ?? {}, { page: 3 }); return m; }, at: '/evidence/0', keyword: 'additionalProperties' },
    { rule: 'evidence line 0', name: 'Membership', make: () => { const m = membership(); if (m.evidence[0]) m.evidence[0].start.line = 0; return m; }, at: '/evidence/0/start/line', keyword: 'minimum' },
    { rule: 'no evidence', name: 'Membership', make: () => ({ ...membership(), evidence: [] }), at: '/evidence', keyword: 'minItems' },
    { rule: 'missing required field', name: 'Forum', make: () => { const { sourceIds: _, ...rest } = forum(); return rest; }, at: '', keyword: 'required' },
    { rule: 'forum without any name (a zod refinement)', name: 'Forum', make: () => ({ ...forum(), name: {} }), at: '/name', keyword: 'minProperties' },
    { rule: 'authority without any name (a zod refinement)', name: 'Authority', make: () => ({ ...authority(), name: {} }), at: '/name', keyword: 'minProperties' },
    { rule: 'resolved authority without a Swedish name (a zod refinement)', name: 'Authority', make: () => ({ ...authority(), name: { en: authority().name.en } }), at: '/name', keyword: 'required' },
    { rule: 'source with a malformed sha256', name: 'Source', make: () => ({ ...clone(dataset.sources[0]), sha256: 'abc' }), at: '/sha256', keyword: 'pattern' },
    { rule: 'source superseded by an empty id', name: 'Source', make: () => ({ ...clone(dataset.sources[0]), supersededBy: '' }), at: '/supersededBy', keyword: 'minLength' },
    { rule: 'membership without any claim', name: 'Membership', make: () => ({ ...membership(), claims: [] }), at: '/claims', keyword: 'minItems' },
    { rule: 'claim with an unknown role', name: 'Membership', make: () => { const m = membership(); Object.assign(m.claims[0] ?? {}, { role: 'boss' }); return m; }, at: '/claims/0/role', keyword: 'enum' },
    { rule: 'count check without the source that states it', name: 'CountCheck', make: () => { const { sourceId: _, ...rest } = countCheck(); return rest; }, at: '', keyword: 'required' },
    { rule: 'cross-source check with one source', name: 'CrossSourceCheck', make: () => ({ ...clone(crossSourceCheck), sourceIds: ['harbour.example/council.en'] }), at: '/sourceIds', keyword: 'minItems' },
    { rule: 'cross-source check with an unknown rule', name: 'CrossSourceCheck', make: () => ({ ...clone(crossSourceCheck), rule: 'count-mismatch' }), at: '/rule', keyword: 'enum' },
  ];

  it.each(cases)('rejects $rule', ({ name, make, at, keyword }) => {
    const value = make();
    expect(record(name).schema.safeParse(value).success).toBe(false);
    expect(validate(name, value)).toContainEqual({ instancePath: at, keyword });
  });

  it('accepts the unbroken originals (the cases fail for their one change)', () => {
    expect(validate('Authority', authority())).toEqual([]);
    expect(validate('Membership', membership())).toEqual([]);
    expect(validate('Forum', forum())).toEqual([]);
    expect(validate('Source', clone(dataset.sources[0]))).toEqual([]);
    expect(validate('CountCheck', countCheck())).toEqual([]);
    expect(validate('CrossSourceCheck', clone(crossSourceCheck))).toEqual([]);
    // An unresolved authority may go without a Swedish name, in zod and in the JSON Schema.
    const unresolved = { ...authority(), resolved: false, name: { en: 'Some Body' } };
    expect(record('Authority').schema.safeParse(unresolved).success).toBe(true);
    expect(validate('Authority', unresolved)).toEqual([]);
  });
});

describe('types/index.d.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'samverkan-types-'));
    await writeFile(path.join(dir, 'index.d.ts'), files.get(TYPES_PATH) as Uint8Array);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Type-check one consumer file beside the generated index.d.ts; the diagnostics as `file: message`. */
  async function typeCheck(fileName: string, source: string, options: ts.CompilerOptions = {}): Promise<string[]> {
    const file = path.join(dir, fileName);
    await writeFile(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      // TypeScript's own lib files are not under test; index.d.ts is, so no skipLibCheck.
      skipDefaultLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      ...options,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  it('declares each record once', () => {
    const text = decode(files.get(TYPES_PATH));
    expect(text.startsWith('/* Generated by samverkan from schemas/*.ts — do not edit. */\n')).toBe(true);
    for (const name of ['DataFiles', 'Authority', 'Forum', 'Membership', 'CountCheck', 'CrossSourceCheck', 'Source', 'Evidence', 'Point']) {
      expect(text.match(new RegExp(`^export (?:interface|type) ${name}\\b`, 'gmu')), name).toHaveLength(1);
    }
    expect(text).toContain("role: 'lead' | 'coordinator' | 'initiator' | 'member' | 'network-member' | 'partner';");
  });

  it('type-checks a consumer that reads memberships and narrows the role', async () => {
    const consumer = `
import type { DataFiles, Evidence, Membership } from './index.js';

declare const text: string;
const memberships: DataFiles['data/memberships.json'] = JSON.parse(text);

function roleLabel(m: Membership): string {
  switch (m.role) {
    case 'lead': return 'leads';
    case 'coordinator': return 'coordinates';
    case 'initiator': return 'initiated';
    case 'member':
    case 'network-member': return 'takes part';
    case 'partner': return 'partners';
    default: {
      const unknownRole: never = m.role;
      return unknownRole;
    }
  }
}

const firstQuote: string | undefined = memberships[0]?.evidence[0]?.quote;
const since: number | undefined = memberships[0]?.since;
const lines: number[] = memberships.flatMap((m) => m.evidence.map((e: Evidence) => e.start.line));
export const summary = [memberships.map(roleLabel), firstQuote, since, lines];
`;
    expect(await typeCheck('good.ts', consumer)).toEqual([]);
  }, 60_000);

  it('rejects a consumer that misuses a field', async () => {
    const consumer = `
import type { Membership } from './index.js';

export function promote(m: Membership): Membership {
  return { ...m, role: 'boss' };
}
`;
    const diagnostics = await typeCheck('bad.ts', consumer);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.startsWith('bad.ts: '))).toBe(true);
    expect(diagnostics.join('\n')).toContain('"boss"');
  }, 60_000);

  it('matches the types zod infers, record by record', async () => {
    const schemas = (file: string) => JSON.stringify(path.join(projectRoot, 'schemas', `${file}.js`));
    const names = RECORD_SCHEMAS.map((r) => r.name);
    const consumer = `
import type * as generated from './index.js';
${RECORD_SCHEMAS.map((r) => `import type { ${r.name} as Zod${r.name} } from ${schemas(r.file)};`).join('\n')}
import type { Point as ZodPoint } from ${schemas('evidence')};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
${[...names, 'Point'].map((n) => `export const same${n}: Same<generated.${n}, Zod${n}> = true;`).join('\n')}
`;
    // zod's own declarations are not what is tested here.
    expect(await typeCheck('zod-parity.ts', consumer, { skipLibCheck: true })).toEqual([]);
  }, 60_000);
});
