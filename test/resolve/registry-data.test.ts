import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AliasFile, ParticipantKindsFile, RegistryFile, type RegistryEntry } from '../../pipeline/resolve/registry-schema.js';

// The committed registry files, validated as the pipeline will read them.
const read = (name: string): string => readFileSync(new URL(`../../sources/registry/${name}`, import.meta.url), 'utf8');

const registry = RegistryFile.parse(JSON.parse(read('authorities.json')));
const aliases = AliasFile.parse(parse(read('aliases.yaml')));
const kinds = ParticipantKindsFile.parse(parse(read('participant-kinds.yaml')));

const byId = new Map(registry.authorities.map((a) => [a.id, a]));
const get = (id: string): RegistryEntry => {
  const a = byId.get(id);
  if (a === undefined) throw new Error(`no authority ${id} in authorities.json`);
  return a;
};
const namesOf = (a: RegistryEntry): string[] => [a.name.sv, ...(a.name.en ? [a.name.en] : []), ...a.otherNames, ...a.formerNames];

describe('sources/registry/authorities.json', () => {
  it('satisfies RegistryFile and says where it comes from', () => {
    expect(registry.authorities.length).toBe(984);
    expect(registry.origin).toMatch(/myndighetsdata.*CC0/);
    expect(registry.generatedFrom).toBe('scripts/build-registry.ts');
  });

  it('has unique ids, sorted, and no unresolved successor', () => {
    const ids = registry.authorities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const a of registry.authorities) for (const r of a.replacedBy ?? []) expect(byId.has(r), `${a.id} → ${r}`).toBe(true);
  });

  it('is written as 2-space JSON with a trailing newline', () => {
    const text = read('authorities.json');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('knows the renaming of MSB to Myndigheten för civilt försvar', () => {
    const mcf = get('myndigheten-for-civilt-forsvar');
    expect(mcf.name.sv).toBe('Myndigheten för civilt försvar');
    expect(mcf.orgNumber).toBe('202100-5984');
    expect(mcf.active).toBe(true);
    expect([...mcf.otherNames, ...mcf.formerNames]).toContain('Swedish Civil Contingencies Agency');
    expect(mcf.formerNames).toContain('Myndigheten för samhällsskydd och beredskap');
    expect(mcf.abbreviations).toContain('MSB');
  });

  it('has the Wikidata id of Polismyndigheten', () => {
    expect(get('polismyndigheten').wikidata).toBe('Q11995938');
  });

  it("has Migrationsverket's register English name", () => {
    expect(namesOf(get('migrationsverket'))).toContain('Swedish Migration Board');
  });

  it('marks county administrative boards', () => {
    const boards = registry.authorities.filter((a) => a.kind === 'county-board' && a.active);
    expect(boards.length).toBe(21);
    expect(get('lansstyrelsen-i-stockholms-lan').kind).toBe('county-board');
  });
});

describe('sources/registry/aliases.yaml', () => {
  it('points every alias at an authority in the registry', () => {
    for (const alias of aliases) expect(byId.has(alias.authority), `${alias.name} → ${alias.authority}`).toBe(true);
  });

  it('adds only names the registry does not already give the same authority', () => {
    for (const alias of aliases) {
      const known = namesOf(get(alias.authority)).map((n) => n.toLowerCase());
      expect(known, alias.name).not.toContain(alias.name.toLowerCase());
    }
  });

  it('lists each name once, with a note', () => {
    const names = aliases.map((a) => a.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const alias of aliases) expect(alias.note, alias.name).toBeTruthy();
  });

  it('covers the names pages are known to use', () => {
    const target = (name: string): string | undefined => aliases.find((a) => a.name === name)?.authority;
    expect(target('Swedish Migration Agency')).toBe('migrationsverket');
    expect(target('Swedish Police')).toBe('polismyndigheten');
    expect(target('Polisen')).toBe('polismyndigheten');
    expect(target('Swedish Board of Student Finance')).toBe('centrala-studiestodsnamnden');
  });
});

describe('sources/registry/participant-kinds.yaml', () => {
  it('has lower-case words for each non-authority kind in both languages', () => {
    for (const k of kinds) {
      expect(k.startsWith.length + k.contains.length, `${k.kind}/${k.language}`).toBeGreaterThan(0);
      for (const w of [...k.startsWith, ...k.contains]) expect(w).toBe(w.toLowerCase());
    }
    const pairs = new Set(kinds.map((k) => `${k.kind}/${k.language}`));
    for (const kind of ['municipal', 'government', 'county-board', 'other'])
      for (const language of ['en', 'sv']) expect(pairs.has(`${kind}/${language}`), `${kind}/${language}`).toBe(true);
  });

  it('knows the common words', () => {
    const words = (kind: string, language: string): string[] =>
      kinds.filter((k) => k.kind === kind && k.language === language).flatMap((k) => [...k.startsWith, ...k.contains]);
    expect(words('municipal', 'sv')).toContain('kommun');
    expect(words('government', 'sv')).toContain('regeringen');
    expect(words('county-board', 'sv')).toContain('länsstyrelserna');
    expect(words('other', 'en')).toContain('civil society organisations');
  });
});
