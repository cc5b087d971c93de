// Run by `npm run compile` after tsc: compiles types/index.d.ts from the schemas once, so that
// builds read it (pipeline/io/prebuilt-types.ts) instead of loading json-schema-to-typescript.
import { writePrebuiltTypes } from '../pipeline/io/prebuilt-types.js';
import { compileTypes } from '../pipeline/publish/schemas.js';

let compiled: { key: string; types: string } | undefined;
await compileTypes({
  get: async () => undefined,
  set: async (key, types) => {
    compiled = { key, types };
  },
});
if (!compiled) throw new Error('compileTypes stored nothing: types-prebuilt.json not written');
await writePrebuiltTypes(compiled.key, compiled.types);
