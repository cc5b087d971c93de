// Synthetic corpora for the benchmark: the project's own fixture pages, copied many times with
// their authority names replaced by names drawn from the whole registry and their forums renamed,
// so that list lengths, languages, formats and names vary the way a real archive does.
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { RegistryFile } from '../../pipeline/resolve/registry-schema.js';

interface Template {
  file: string;
  ext: string;
  language: 'en' | 'sv';
  text: string;
  meta?: string;
  /** names the page states, to be replaced */
  names: string[];
  forums: string[];
}

/** A small deterministic random generator (mulberry32), so a corpus is the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function templates(root: string): Promise<Template[]> {
  const dir = path.join(root, 'test/fixtures/pages');
  const out: Template[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const m = /\.(txt|md|html)$/u.exec(file);
    if (!m || file === 'README.md') continue;
    const expected = parse(await readFile(path.join(dir, file.replace(/\.(txt|md|html)$/u, '.expected.yaml')), 'utf8')) as {
      forums: { name: string; participants: { stated: string }[] }[];
    };
    const text = await readFile(path.join(dir, file), 'utf8');
    out.push({
      file,
      ext: m[1] as string,
      language: file.startsWith('sv-') ? 'sv' : 'en',
      text,
      names: [...new Set(expected.forums.flatMap((f) => f.participants.map((p) => p.stated)))].sort((a, b) => b.length - a.length),
      forums: expected.forums.map((f) => f.name),
    });
  }
  const seed = await readFile(path.join(root, 'sources/pages/migrationsverket.se/collaboration-against-crime.en.txt'), 'utf8');
  out.push({ file: 'seed.txt', ext: 'txt', language: 'en', text: seed, meta: 'language: en\n', names: [], forums: [] });
  return out;
}

/** Write `count` pages (and a copy of the registry and publication settings) under `dir`. */
export async function writeCorpus(root: string, dir: string, count: number, extraRegistry?: RegistryFile['authorities']): Promise<{ bytes: number }> {
  const all = await templates(root);
  const registry = JSON.parse(await readFile(path.join(root, 'sources/registry/authorities.json'), 'utf8')) as RegistryFile;
  const en = registry.authorities.filter((a) => a.active && a.name.en).map((a) => a.name.en as string);
  const sv = registry.authorities.filter((a) => a.active).map((a) => a.name.sv);
  const rnd = random(count);
  await mkdir(path.join(dir, 'registry'), { recursive: true });
  for (const f of ['aliases.yaml', 'participant-kinds.yaml', 'forums.yaml']) await copyFile(path.join(root, 'sources/registry', f), path.join(dir, 'registry', f));
  await copyFile(path.join(root, 'sources/publication.yaml'), path.join(dir, 'publication.yaml'));
  const withExtra = extraRegistry ? { ...registry, authorities: [...registry.authorities, ...extraRegistry] } : registry;
  await writeFile(path.join(dir, 'registry/authorities.json'), JSON.stringify(withExtra));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const t = all[i % all.length] as Template;
    let text = t.text;
    // The same template yields a different page each time: other authorities, other forums.
    const pool = t.language === 'en' ? en : sv;
    for (const name of t.names) {
      const replacement = pool[Math.floor(rnd() * pool.length)] as string;
      text = text.split(name).join(replacement);
    }
    for (const forum of t.forums) text = text.split(forum).join(`${forum} ${i}`);
    const site = `site-${i % 97}.example`;
    const rel = path.join('pages', site, `page-${i}.${t.language}.${t.ext}`);
    await mkdir(path.join(dir, 'pages', site), { recursive: true });
    await writeFile(path.join(dir, rel), text);
    if (t.meta || t.ext === 'txt') await writeFile(path.join(dir, `${rel}.meta.yaml`), `url: https://${site}/page-${i}\n${t.meta ?? `language: ${t.language}\n`}`);
    bytes += Buffer.byteLength(text);
  }
  return { bytes };
}

/** A registry entry for the resolution-scaling case: plausible names no page uses. */
export function syntheticAuthorities(n: number): RegistryFile['authorities'] {
  const rnd = random(4242);
  const words = ['Harbour', 'Forest', 'Signal', 'Archive', 'Bridge', 'Mineral', 'Heritage', 'Coastal', 'Digital', 'Grain', 'Aviation', 'Textile', 'Water', 'Energy', 'Rail', 'Museum'];
  const pick = () => words[Math.floor(rnd() * words.length)] as string;
  return Array.from({ length: n }, (_, i) => ({
    id: `synthetic-authority-${i}`,
    name: { sv: `Syntetiska myndigheten ${i}`, en: `Swedish ${pick()} and ${pick()} Agency ${i}` },
    otherNames: [`National ${pick()} Board ${i}`],
    formerNames: [],
    abbreviations: [],
    kind: 'state-agency' as const,
    active: true,
  }));
}
