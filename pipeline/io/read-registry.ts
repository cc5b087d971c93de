import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AliasFile, ForumRegistryFile, ParticipantKindsFile, RegistryFile } from '../resolve/registry-schema.js';
import { InputError } from '../util/errors.js';
import { PublicationConfig } from '../publish/config.js';

export interface LoadedRegistry {
  registry: RegistryFile;
  aliases: AliasFile;
  kinds: ParticipantKindsFile;
  forums: ForumRegistryFile;
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
  const forumsPath = path.join(dir, 'forums.yaml');
  const forums = validate(ForumRegistryFile, parseYaml(await readText(forumsPath), forumsPath), forumsPath);
  const forumIds = new Set<string>();
  for (const f of forums) {
    if (forumIds.has(f.id)) throw new InputError(`${forumsPath}: the forum id \`${f.id}\` is used twice`);
    forumIds.add(f.id);
  }
  const ids = new Set(registry.authorities.map((a) => a.id));
  aliases.forEach((a, i) => {
    if (!ids.has(a.authority)) throw new InputError(`${aliasesPath}: entry ${i + 1} (\`${a.name}\`) points to \`${a.authority}\`, which is not in authorities.json`);
  });
  return { registry, aliases, kinds, forums, files: [registryPath, aliasesPath, kindsPath, forumsPath] };
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

interface YamlText {
  value: unknown;
  /** the line and column of the node at a dotted path, for messages */
  placeOf(path: readonly PropertyKey[]): string;
}

function parseYaml(text: string, file: string): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter });
  const error = doc.errors[0];
  if (error) throw new InputError(`${file}:${error.linePos?.[0].line ?? 1}:${error.linePos?.[0].col ?? 1}: malformed YAML (${error.message.split('\n')[0]})`);
  return {
    value: doc.toJS(),
    placeOf(path) {
      // The deepest node that exists on the path: an unknown key is reported at its mapping.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) {
          const { line, col } = lineCounter.linePos(node.range[0]);
          return `:${line}:${col}`;
        }
      }
      return '';
    },
  };
}

function validate<T extends z.ZodType>(schema: T, input: unknown, file: string): z.infer<T> {
  const yaml = input as Partial<YamlText>;
  const value = typeof yaml === 'object' && yaml !== null && typeof yaml.placeOf === 'function' ? yaml.value : input;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? (issue.keys as string[]) : [];
  const path = [...(issue?.path ?? []), ...keys.slice(0, 1)];
  const where = path.length ? path.map(String).join('.') : 'the file';
  const place = typeof yaml?.placeOf === 'function' ? yaml.placeOf(path) : '';
  throw new InputError(`${file}${place}: unexpected value at \`${where}\`: ${issue?.message ?? 'invalid'}`);
}

/** Read sources/publication.yaml (who publishes the dataset and where). */
export async function readPublicationConfig(sourcesDir: string): Promise<PublicationConfig> {
  const file = path.join(sourcesDir, 'publication.yaml');
  return validate(PublicationConfig, parseYaml(await readText(file), file), file);
}
