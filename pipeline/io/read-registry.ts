import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AliasFile, ParticipantKindsFile, RegistryFile } from '../resolve/registry-schema.js';
import { InputError } from '../util/errors.js';
import { PublicationConfig } from '../publish/config.js';

export interface LoadedRegistry {
  registry: RegistryFile;
  aliases: AliasFile;
  kinds: ParticipantKindsFile;
  /** sha256 over the registry files, for caches and provenance */
  files: string[];
}

/** Read and validate sources/registry/: a malformed file stops the build with its line and reason. */
export async function readRegistry(sourcesDir: string): Promise<LoadedRegistry> {
  const dir = path.join(sourcesDir, 'registry');
  const registryPath = path.join(dir, 'authorities.json');
  const aliasesPath = path.join(dir, 'aliases.yaml');
  const kindsPath = path.join(dir, 'participant-kinds.yaml');
  const registry = validate(RegistryFile, parseJson(await readText(registryPath), registryPath), registryPath);
  const aliases = validate(AliasFile, parseYaml(await readText(aliasesPath), aliasesPath), aliasesPath);
  const kinds = validate(ParticipantKindsFile, parseYaml(await readText(kindsPath), kindsPath), kindsPath);
  const ids = new Set(registry.authorities.map((a) => a.id));
  aliases.forEach((a, i) => {
    if (!ids.has(a.authority)) throw new InputError(`${aliasesPath}: entry ${i + 1} (\`${a.name}\`) points to \`${a.authority}\`, which is not in authorities.json`);
  });
  return { registry, aliases, kinds, files: [registryPath, aliasesPath, kindsPath] };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the registry file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = /position (\d+)/u.exec(String(error))?.[1];
    const line = offset === undefined ? undefined : text.slice(0, Number(offset)).split('\n').length;
    throw new InputError(`${file}${line ? `:${line}` : ''}: malformed JSON (${(error as Error).message})`);
  }
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) throw new InputError(`${file}:${error.linePos?.[0].line ?? 1}:${error.linePos?.[0].col ?? 1}: malformed YAML (${error.message.split('\n')[0]})`);
  return doc.toJS();
}

function validate<T extends z.ZodType>(schema: T, value: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the file';
  throw new InputError(`${file}: unexpected value at \`${where}\`: ${issue?.message ?? 'invalid'}`);
}

/** Read sources/publication.yaml (who publishes the dataset and where). */
export async function readPublicationConfig(sourcesDir: string): Promise<PublicationConfig> {
  const file = path.join(sourcesDir, 'publication.yaml');
  return validate(PublicationConfig, parseYaml(await readText(file), file), file);
}
