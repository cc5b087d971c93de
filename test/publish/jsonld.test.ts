import fc from 'fast-check';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { Role } from '../../schemas/ids.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import { madeFiles, utf8, type PublishContext } from '../../pipeline/publish/context.js';
import { InvalidRecordError, validateDataset } from '../../pipeline/publish/json.js';
import { JSONLD_CONTEXT, jsonldDocument, jsonldWriter, mediaTypeOf, segment } from '../../pipeline/publish/jsonld.js';
import { projectDataset } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SCHEMA = 'http://schema.org/';
const ORG = 'http://www.w3.org/ns/org#';
const TIME = 'http://www.w3.org/2006/time#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

/** Refuse the network: the document must be readable from its own bytes. */
const documentLoader = (url: string): never => {
  throw new Error(`network refused: ${url}`);
};
// jsonld 9 has safe mode (throws on dropped terms, relative IRIs…); @types/jsonld predates it
const options = { documentLoader, safe: true } as unknown as jsonld.Options.ToRdf;

interface Quad {
  s: string;
  p: string;
  o: string;
}

/** N-Quads lines as terms in their N-Quads spelling (`<iri>`, `_:b0`, `"lit"^^<dt>`). */
function parseNQuads(text: string): Quad[] {
  const term = String.raw`<[^>]*>|_:\S+`;
  const literal = String.raw`"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[a-zA-Z-]+)?`;
  const line = new RegExp(`^(${term}) (<[^>]*>) (${term}|${literal})(?: (${term}))? \\.$`, 'u');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = line.exec(l);
      if (!m) throw new Error(`not an N-Quads line: ${l}`);
      return { s: m[1] as string, p: m[2] as string, o: m[3] as string };
    });
}

const iri = (value: string) => `<${value}>`;
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.s === s && q.p === iri(p)).map((q) => q.o);
const subjects = (quads: Quad[], p: string, o: string) => quads.filter((q) => q.p === iri(p) && q.o === o).map((q) => q.s);

const decoder = new TextDecoder();
function write(ctx: PublishContext): { doc: Record<string, unknown>; text: string; files: Map<string, Uint8Array> } {
  const files = inMemory(jsonldWriter(ctx));
  const text = decoder.decode(files.get('dataset.jsonld'));
  return { doc: JSON.parse(text) as Record<string, unknown>, text, files };
}

async function nquads(doc: Record<string, unknown>): Promise<Quad[]> {
  const text = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { ...options, format: 'application/n-quads' })) as unknown as string;
  return parseNQuads(text);
}

/** The absolute IRI a key stands for under the context, or undefined when it would be dropped. */
function expandKey(key: string): string | undefined {
  const context = JSONLD_CONTEXT as Record<string, string | { '@id'?: string }>;
  const expandCompact = (value: string): string | undefined => {
    const colon = value.indexOf(':');
    if (colon < 0) return undefined;
    const prefix = context[value.slice(0, colon)];
    return typeof prefix === 'string' && /^https?:\/\//u.test(prefix) ? prefix + value.slice(colon + 1) : /^https?:\/\//u.test(value) ? value : undefined;
  };
  const definition = context[key];
  if (typeof definition === 'string') return expandCompact(definition) ?? definition;
  if (definition !== undefined && definition['@id'] !== undefined) return expandCompact(definition['@id']);
  return expandCompact(key);
}

/** Every key and @type value used outside the @context. */
function usedTerms(value: unknown, keys = new Set<string>(), types = new Set<string>()): { keys: Set<string>; types: Set<string> } {
  if (Array.isArray(value)) for (const item of value) usedTerms(item, keys, types);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '@context') continue;
      if (key === '@type' && typeof child === 'string' && !child.startsWith('xsd:')) types.add(child);
      if (key === '@type' && Array.isArray(child)) for (const t of child) types.add(String(t));
      if (!key.startsWith('@')) keys.add(key);
      usedTerms(child, keys, types);
    }
  }
  return { keys, types };
}

const base = 'https://samverkan.example.org/id/';
const sha = 'a'.repeat(64);
const evidence = (sourceId: string) => [{ sourceId, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 }, quote: 'text' }];

/** A small hand-made dataset for the edge cases the project's pages do not have. */
function edgeDataset(): Dataset {
  return {
    authorities: [
      { id: 'lansstyrelsen-i-orebro-lan', name: { sv: 'Länsstyrelsen i Örebro län' }, otherNames: ['LST "Ö"'], formerNames: [], namesInSources: ['Länsstyrelsen i Örebro län'], orgNumber: '202100-2387', kind: 'county-board', resolved: true, website: 'ftp://example.org/' },
      { id: 'kommunernas-socialtjanst', name: { sv: 'kommunernas socialtjänst' }, otherNames: [], formerNames: [], namesInSources: ['kommunernas socialtjänst'], kind: 'municipal', resolved: false },
    ],
    forums: [
      { id: 'regional-samverkan', name: { sv: 'Regional samverkan; "RUC" = rätt' }, acronym: 'RUC', startYear: 2019, startDate: '2019-12', endYear: 2021, sourceIds: ['a.se/page.sv', 'b.se/no-url.sv'], evidence: evidence('a.se/page.sv') },
    ],
    memberships: [
      { forumId: 'regional-samverkan', authorityId: 'lansstyrelsen-i-orebro-lan', role: 'lead', since: 2019, evidence: evidence('a.se/page.sv'), claims: [{ sourceId: 'a.se/page.sv', role: 'lead', since: 2019, date: '2024-05-01' }] },
      { forumId: 'regional-samverkan', authorityId: 'kommunernas-socialtjanst', role: 'partner', evidence: evidence('b.se/no-url.sv'), claims: [{ sourceId: 'b.se/no-url.sv', role: 'partner', date: '2025-01-15' }] },
    ],
    countChecks: [],
    crossSourceChecks: [
      {
        id: 'regional-samverkan--participant-missing-in-source--lansstyrelsen-i-orebro-lan--b.se/no-url.sv',
        forumId: 'regional-samverkan',
        rule: 'participant-missing-in-source',
        authorityIds: ['lansstyrelsen-i-orebro-lan'],
        sourceIds: ['a.se/page.sv', 'b.se/no-url.sv'],
        newerSourceId: 'b.se/no-url.sv',
        message: 'Unexpected absence of Länsstyrelsen i Örebro län from this source\'s account of the forum, expected it as lead as a.se/page.sv says',
        evidence: [...evidence('b.se/no-url.sv'), ...evidence('a.se/page.sv')],
      },
    ],
    sources: [
      { id: 'a.se/page.sv', path: 'pages/a.se/page.sv.md', format: 'md', url: 'https://a.se/sida med mellanslag?x=1', title: 'Sida', language: 'sv', languageFrom: 'metadata', retrieved: '2024-05-01', lastUpdated: '2023-11-30', sha256: sha },
      { id: 'b.se/no-url.sv', path: 'pages/b.se/no-url.sv.txt', format: 'txt', language: 'sv', languageFrom: 'detected', retrieved: '2025-01-15', sha256: sha },
      { id: 'c.se/javascript.sv', path: 'pages/c.se/javascript.sv.txt', format: 'txt', url: 'javascript:alert(1)', language: 'sv', languageFrom: 'metadata', sha256: sha },
    ],
  };
}

describe('jsonldWriter on the project dataset', () => {
  let ctx: PublishContext;
  let quads: Quad[];
  let doc: Record<string, unknown>;
  const fakeFiles = new Map<string, Uint8Array>([
    ['data/forums.json', utf8('[]\n')],
    ['data/forums.csv', utf8('id,name_en\nå,ä\n')],
    ['types/index.d.ts', utf8('export {};\n')],
    ['index.html', utf8('<!doctype html>\n')],
  ]);

  beforeAll(async () => {
    const { dataset, config } = await projectDataset();
    ctx = { dataset, config, version: '9.8.7', files: madeFiles(fakeFiles) };
    doc = write(ctx).doc;
    quads = await nquads(doc);
  });

  it('expands in safe mode without the network and drops no key', async () => {
    const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, options);
    expect(expanded.length).toBeGreaterThan(100);
    const { keys, types } = usedTerms(doc);
    expect(keys).toContain('org:memberDuring');
    for (const key of keys) expect([key, expandKey(key)]).toEqual([key, expect.stringMatching(/^https?:\/\/[^\s]+$/u)]);
    for (const type of types) expect([type, expandKey(type)]).toEqual([type, expect.stringMatching(/^https?:\/\/[^\s]+$/u)]);
  });

  it('publishes the context beside the document, identical to the embedded one', () => {
    const files = inMemory(jsonldWriter(ctx));
    expect([...files.keys()]).toEqual(['dataset.jsonld', 'context.jsonld']);
    const context = JSON.parse(decoder.decode(files.get('context.jsonld'))) as unknown;
    expect(context).toEqual({ '@context': JSONLD_CONTEXT });
    expect(doc['@context']).toEqual(JSONLD_CONTEXT);
    expect(Object.keys(doc)).toEqual(['@context', '@graph']);
  });

  it("gives Polismyndigheten the data portal's IRI, its type, Wikidata and organisation number", () => {
    const police = iri('http://dataportal.se/organisation/SE2021000076');
    expect(objects(quads, police, RDF_TYPE)).toEqual([iri(`${SCHEMA}GovernmentOrganization`)]);
    expect(objects(quads, police, `${SCHEMA}sameAs`)).toEqual([iri('http://www.wikidata.org/entity/Q11995938')]);
    expect(objects(quads, police, `${SCHEMA}identifier`)).toEqual(['"202100-0076"']);
    expect(objects(quads, police, `${SCHEMA}url`)).toEqual([iri('https://www.polisen.se')]);
    expect(objects(quads, police, `${SCHEMA}name`).sort()).toEqual(['"Polismyndigheten"@sv', '"Swedish Police Authority"@en']);
    expect(objects(quads, police, `${SCHEMA}alternateName`)).toContain('"Rikspolisstyrelsen"');
  });

  it('types an unresolved municipal participant as a plain Organization under the base IRI', () => {
    const social = iri(`${base}authority/municipal-social-services`);
    expect(objects(quads, social, RDF_TYPE)).toEqual([iri(`${SCHEMA}Organization`)]);
    expect(objects(quads, social, `${SCHEMA}sameAs`)).toEqual([]);
  });

  it('makes the Counter-Terrorism Cooperation Council a collaboration with its 15 memberships', () => {
    const forum = iri(`${base}forum/counter-terrorism-cooperation-council`);
    expect(objects(quads, forum, RDF_TYPE).sort()).toEqual([iri(`${SCHEMA}Organization`), iri(`${ORG}OrganizationalCollaboration`)]);
    // the Swedish name comes from the forum registry (sources/registry/forums.yaml), the page is in English
    expect(objects(quads, forum, `${SCHEMA}name`).sort()).toEqual(['"Counter-Terrorism Cooperation Council"@en', '"Samverkansrådet mot terrorism"@sv']);
    expect(objects(quads, forum, `${SCHEMA}foundingDate`)).toEqual([`"2005"^^<${XSD}gYear>`]);
    const memberships = subjects(quads, `${ORG}organization`, forum);
    expect(memberships).toHaveLength(15);
    for (const m of memberships) {
      expect(objects(quads, m, RDF_TYPE).sort()).toEqual([iri(`${SCHEMA}OrganizationRole`), iri(`${ORG}Membership`)]);
      expect(objects(quads, m, `${ORG}member`)).toHaveLength(1);
      expect(objects(quads, m, `${ORG}member`)).toEqual(objects(quads, m, `${SCHEMA}member`));
    }
    // schema.org readers reach the same memberships from the forum
    expect(objects(quads, forum, `${SCHEMA}member`).sort()).toEqual([...memberships].sort());
    expect(objects(quads, forum, `${SCHEMA}subjectOf`)).toEqual([iri(`${base}source/migrationsverket.se/collaboration-against-crime.en`)]);
  });

  it('gives a membership with a joining year an interval that begins then', () => {
    const m = iri(`${base}membership/counter-terrorism-cooperation-council/migrationsverket`);
    const agency = ctx.dataset.authorities.find((a) => a.id === 'migrationsverket');
    expect(agency?.orgNumber).toMatch(/^\d{6}-\d{4}$/u);
    expect(objects(quads, m, `${ORG}member`)).toEqual([iri(`http://dataportal.se/organisation/SE${agency?.orgNumber?.replace('-', '')}`)]);
    expect(objects(quads, m, `${ORG}role`)).toEqual([iri(`${base}role/member`)]);
    expect(objects(quads, m, `${SCHEMA}startDate`)).toEqual([`"2005"^^<${XSD}gYear>`]);
    const [interval] = objects(quads, m, `${ORG}memberDuring`);
    expect(objects(quads, interval as string, RDF_TYPE)).toEqual([iri(`${TIME}Interval`)]);
    const [beginning] = objects(quads, interval as string, `${TIME}hasBeginning`);
    expect(objects(quads, beginning as string, `${TIME}inXSDgYear`)).toEqual([`"2005"^^<${XSD}gYear>`]);
    const without = iri(`${base}membership/counter-terrorism-cooperation-council/polismyndigheten`);
    expect(objects(quads, without, `${ORG}role`)).toEqual([iri(`${base}role/member`)]);
    expect(objects(quads, without, `${ORG}memberDuring`)).toEqual([]);
  });

  it('labels roles in Swedish and English', () => {
    expect(objects(quads, iri(`${base}role/lead`), RDF_TYPE)).toEqual([iri(`${ORG}Role`)]);
    expect(objects(quads, iri(`${base}role/lead`), `${SKOS}prefLabel`).sort()).toEqual(['"lead authority"@en', '"ledande myndighet"@sv']);
    expect(objects(quads, iri(`${base}role/network-member`), `${SKOS}prefLabel`)).toContain('"nätverksmyndighet"@sv');
    expect(objects(quads, iri(`${base}role/member`), `${SKOS}altLabel`)).toEqual(['"deltagare"@sv']);
  });

  it('describes the Dataset: names, sources, licence, version, no date the sources do not give', () => {
    const ds = iri(`${base}dataset`);
    expect(objects(quads, ds, RDF_TYPE)).toEqual([iri(`${SCHEMA}Dataset`)]);
    expect(objects(quads, ds, `${SCHEMA}name`).sort()).toEqual(['"Myndigheters samverkan mot brott"@sv', '"Swedish authorities\' collaboration against crime"@en']);
    expect(objects(quads, ds, `${SCHEMA}description`)).toHaveLength(2);
    expect(objects(quads, ds, `${SCHEMA}isBasedOn`)).toEqual([iri(ctx.dataset.sources[0]?.url as string)]);
    expect(objects(quads, ds, `${SCHEMA}license`)).toEqual([iri('https://creativecommons.org/publicdomain/zero/1.0/')]);
    expect(objects(quads, ds, `${SCHEMA}version`)).toEqual(['"9.8.7"']);
    expect(objects(quads, ds, `${SCHEMA}keywords`)).toContain('"samverkan"@sv');
    expect(ctx.dataset.sources.some((s) => s.retrieved ?? s.lastUpdated)).toBe(false);
    expect(objects(quads, ds, `${SCHEMA}dateModified`)).toEqual([]);
    const [publisher] = objects(quads, ds, `${SCHEMA}publisher`);
    expect(objects(quads, publisher as string, `${SCHEMA}name`)).toEqual(['"The samverkan project"']);
  });

  it('lists one DataDownload per file it was given, with URL, media type and size in bytes', () => {
    const ds = iri(`${base}dataset`);
    const downloads = objects(quads, ds, `${SCHEMA}distribution`);
    expect(downloads).toHaveLength(fakeFiles.size);
    expect(subjects(quads, RDF_TYPE, iri(`${SCHEMA}DataDownload`)).sort()).toEqual([...downloads].sort());
    const described = downloads.map((d) => ({
      url: objects(quads, d, `${SCHEMA}contentUrl`),
      format: objects(quads, d, `${SCHEMA}encodingFormat`),
      size: objects(quads, d, `${SCHEMA}contentSize`),
    }));
    expect(described).toEqual([
      { url: [iri('https://samverkan.example.org/dist/data/forums.csv')], format: ['"text/csv"'], size: [`"17"^^<${XSD}integer>`] },
      { url: [iri('https://samverkan.example.org/dist/data/forums.json')], format: ['"application/json"'], size: [`"3"^^<${XSD}integer>`] },
      { url: [iri('https://samverkan.example.org/dist/index.html')], format: ['"text/html"'], size: [`"16"^^<${XSD}integer>`] },
      { url: [iri('https://samverkan.example.org/dist/types/index.d.ts')], format: ['"text/plain"'], size: [`"11"^^<${XSD}integer>`] },
    ]);
  });

  it('writes, node by node, the text of the whole document stringified at once', () => {
    const parts = [...(jsonldWriter(ctx).get('dataset.jsonld') as Iterable<string>)];
    expect(parts.length).toBeGreaterThan(2);
    const whole = `${JSON.stringify(jsonldDocument(ctx), null, 2)}\n`;
    expect(parts.join('')).toBe(whole);
    expect(write(ctx).text).toBe(whole);
    const { dataset } = ctx;
    expect((jsonldDocument(ctx)['@graph'] as unknown[]).length).toBe(1 + dataset.sources.length + dataset.forums.length + dataset.memberships.length + Role.options.length + dataset.authorities.length);
  });

  it('writes the same bytes whatever the clock', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
      const first = inMemory(jsonldWriter(ctx));
      vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
      const second = inMemory(jsonldWriter(ctx));
      // compare as text: a deep equality over Uint8Array elements is slow, and text shows the diff
      const texts = (files: Map<string, Uint8Array>) => [...files].map(([path, bytes]) => [path, decoder.decode(bytes)]);
      expect(texts(second)).toEqual(texts(first));
    } finally {
      vi.useRealTimers();
    }
    const { text } = write(ctx);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "@context": {');
  });
});

describe('jsonldWriter on edge cases', () => {
  let ctx: PublishContext;
  let quads: Quad[];
  let doc: Record<string, unknown>;

  beforeAll(async () => {
    const { config } = await projectDataset();
    const dataset = edgeDataset();
    validateDataset(dataset);
    ctx = { dataset, config, version: '0.0.1', files: new Map() };
    doc = write(ctx).doc;
    quads = await nquads(doc);
  });

  it('dates the Dataset by the newest source date', () => {
    expect(objects(quads, iri(`${base}dataset`), `${SCHEMA}dateModified`)).toEqual([`"2025-01-15"^^<${XSD}date>`]);
    expect(objects(quads, iri(`${base}dataset`), `${SCHEMA}distribution`)).toEqual([]);
  });

  it('links only http(s) URLs, and still lists pages without one', () => {
    const a = iri(`${base}source/a.se/page.sv`);
    const b = iri(`${base}source/b.se/no-url.sv`);
    const c = iri(`${base}source/c.se/javascript.sv`);
    expect(objects(quads, iri(`${base}dataset`), `${SCHEMA}isBasedOn`)).toEqual([iri('https://a.se/sida%20med%20mellanslag?x=1')]);
    expect(objects(quads, a, `${SCHEMA}url`)).toEqual([iri('https://a.se/sida%20med%20mellanslag?x=1')]);
    expect(objects(quads, a, `${SCHEMA}dateModified`)).toEqual([`"2023-11-30"^^<${XSD}date>`]);
    for (const page of [b, c]) {
      expect(objects(quads, page, RDF_TYPE)).toEqual([iri(`${SCHEMA}CreativeWork`)]);
      expect(objects(quads, page, `${SCHEMA}url`)).toEqual([]);
    }
    expect(objects(quads, c, `${SCHEMA}identifier`)).toEqual(['"c.se/javascript.sv"']);
    expect(quads.some((q) => q.o.includes('javascript:') && q.p !== iri(`${SCHEMA}identifier`))).toBe(false);
    const county = iri('http://dataportal.se/organisation/SE2021002387');
    expect(objects(quads, county, RDF_TYPE)).toEqual([iri(`${SCHEMA}GovernmentOrganization`)]);
    expect(objects(quads, county, `${SCHEMA}url`)).toEqual([]);
  });

  it('keeps non-ASCII text, quotes and semicolons, and types partial dates by their precision', () => {
    const forum = iri(`${base}forum/regional-samverkan`);
    expect(objects(quads, forum, `${SCHEMA}name`)).toEqual(['"Regional samverkan; \\"RUC\\" = rätt"@sv']);
    expect(objects(quads, forum, `${SCHEMA}alternateName`)).toEqual(['"RUC"']);
    expect(objects(quads, forum, `${SCHEMA}foundingDate`)).toEqual([`"2019-12"^^<${XSD}gYearMonth>`]);
    expect(objects(quads, forum, `${SCHEMA}dissolutionDate`)).toEqual([`"2021"^^<${XSD}gYear>`]);
    expect(objects(quads, iri('http://dataportal.se/organisation/SE2021002387'), `${SCHEMA}name`)).toEqual(['"Länsstyrelsen i Örebro län"@sv']);
    expect(objects(quads, iri(`${base}authority/kommunernas-socialtjanst`), RDF_TYPE)).toEqual([iri(`${SCHEMA}Organization`)]);
    const partner = iri(`${base}membership/regional-samverkan/kommunernas-socialtjanst`);
    expect(objects(quads, partner, `${ORG}role`)).toEqual([iri(`${base}role/partner`)]);
    expect(objects(quads, partner, `${SCHEMA}roleName`).sort()).toEqual(['"partner"@en', '"samarbetspartner"@sv']);
  });

  it('refuses a membership that points at a participant not in the dataset', () => {
    const dataset = edgeDataset();
    dataset.memberships.push({ forumId: 'regional-samverkan', authorityId: 'nobody', role: 'member', evidence: evidence('a.se/page.sv'), claims: [{ sourceId: 'a.se/page.sv', role: 'member', date: '2024-05-01' }] });
    expect(() => validateDataset(dataset)).not.toThrow(); // every record is well formed: only the reference is wrong
    expect(() => jsonldWriter({ ...ctx, dataset })).toThrow(InvalidRecordError);
    expect(() => jsonldWriter({ ...ctx, dataset })).toThrow(/membership regional-samverkan\/nobody: names a forum or participant not in the dataset/u);
  });

  it('gives participants that share an organisation number base IRIs, and refuses two records with one IRI', () => {
    const dataset = edgeDataset();
    const first = dataset.authorities.find((a) => a.orgNumber !== undefined) as Dataset['authorities'][number];
    // Courts share their administration's organisation number: the data portal's IRI would merge them.
    dataset.authorities.push({ ...first, id: 'copy' });
    const graph = (write({ ...ctx, dataset }).doc['@graph'] as Record<string, unknown>[]).map((n) => n['@id']);
    expect(graph).toContain(`${ctx.config.baseIri}authority/copy`);
    expect(graph).toContain(`${ctx.config.baseIri}authority/${first.id}`);
    expect(graph).not.toContain(`http://dataportal.se/organisation/SE${(first.orgNumber as string).replace('-', '')}`);
    // The same id twice is a bug upstream: nothing is written.
    const twice = edgeDataset();
    twice.authorities.push({ ...first });
    expect(() => jsonldWriter({ ...ctx, dataset: twice })).toThrow(/two records would share/u);
  });

  it('uses the configured base IRI and percent-encodes what it puts in a path', () => {
    const config: PublicationConfig = { ...ctx.config, baseIri: 'https://data.example.se/samverkan#' };
    const files = new Map([['data/a b.csv', utf8('x\n')]]);
    const { doc: other } = write({ ...ctx, config, files });
    const graph = other['@graph'] as Record<string, unknown>[];
    expect(graph.map((n) => n['@id'])).toContain('https://data.example.se/samverkan#forum/regional-samverkan');
    const dataset = graph[0] as { distribution: { contentUrl: string }[] };
    expect(dataset.distribution.map((d) => d.contentUrl)).toEqual(['https://samverkan.example.org/dist/data/a%20b.csv']);
  });
});

describe('segment', () => {
  it('is encodeURIComponent, for any text, every code unit and numbers', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }), fc.constantFrom('polisen/samverkan.sv', 'a b', 'å', "x!~*'()", '', '%', '#?&='));
    fc.assert(
      fc.property(text, (t) => {
        expect(segment(t)).toBe(encodeURIComponent(t));
      }),
      { numRuns: 2000 },
    );
    for (let unit = 0; unit < 0xd800; unit++) {
      const c = String.fromCharCode(unit);
      expect(segment(`a${c}`)).toBe(encodeURIComponent(`a${c}`));
    }
    // a lone surrogate has no UTF-8: both refuse it
    expect(() => segment('\uD800')).toThrow(URIError);
    expect(segment(2019)).toBe('2019');
  });
});

describe('mediaTypeOf', () => {
  it('names the media type by the longest known ending', () => {
    expect(['a.json', 'a.csv', 'dataset.jsonld', 'a.rdf', 'index.html', 'types/index.d.ts', 'schema/forum.schema.json', 'x.bin'].map(mediaTypeOf)).toEqual([
      'application/json',
      'text/csv',
      'application/ld+json',
      'application/rdf+xml',
      'text/html',
      'text/plain',
      'application/json',
      'application/octet-stream',
    ]);
  });
});
