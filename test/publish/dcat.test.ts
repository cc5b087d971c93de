import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import { madeFiles, utf8, type PublishContext } from '../../pipeline/publish/context.js';
import { dcatWriter } from '../../pipeline/publish/dcat.js';
import { jsonFiles } from '../../pipeline/publish/json.js';
import { projectDataset } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';

/** The RDF/JS terms the parser yields, as far as these tests read them. */
interface Term {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EU = 'http://publications.europa.eu/resource/authority/';
const IANA = 'https://www.iana.org/assignments/media-types/';
const TYPE = `${RDF}type`;

/** Relative IRIs resolve against this; finding it in the output means one was relative. */
const SENTINEL_BASE = 'http://relative.invalid/base/';

function parse(xml: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI: SENTINEL_BASE });
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(xml);
    parser.end();
  });
}

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

function write(ctx: PublishContext): string {
  const out = inMemory(dcatWriter(ctx));
  expect([...out.keys()]).toEqual(['catalog.rdf']);
  return decode(out.get('catalog.rdf'));
}

const objects = (quads: Quad[], s: string, p: string): Term[] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const iris = (quads: Quad[], s: string, p: string): string[] =>
  objects(quads, s, p).map((o) => {
    expect(o.termType, `${s} ${p}`).toBe('NamedNode');
    return o.value;
  });
const texts = (quads: Quad[], s: string, p: string, language = ''): string[] =>
  objects(quads, s, p)
    .filter((o) => o.termType === 'Literal' && (o.language ?? '') === language)
    .map((o) => o.value);
const typed = (quads: Quad[], s: string, p: string): { value: string; datatype: string | undefined }[] =>
  objects(quads, s, p).map((o) => ({ value: o.value, datatype: o.datatype?.value }));

/** What each published kind of file must be announced as, written out here rather than imported. */
const EXPECTED_TYPES: [ending: string, mediaType: string, fileType: string][] = [
  ['.jsonld', 'application/ld+json', 'JSON_LD'],
  ['.json', 'application/json', 'JSON'],
  ['.csv', 'text/csv', 'CSV'],
  ['.html', 'text/html', 'HTML'],
  ['.d.ts', 'text/plain', 'TXT'],
];
function expectedType(path: string): { mediaType: string; fileType: string } {
  const found = EXPECTED_TYPES.find(([ending]) => path.endsWith(ending));
  if (!found) throw new Error(`no expected type for ${path}`);
  return { mediaType: `${IANA}${found[1]}`, fileType: `${EU}file-type/${found[2]}` };
}

let project: { dataset: Dataset; config: PublicationConfig };
/** The release as the other writers would leave it: real JSON, the rest small stand-ins (one non-ASCII, so bytes ≠ characters). */
let files: Map<string, Uint8Array>;

beforeAll(async () => {
  project = await projectDataset();
  files = new Map([
    ...inMemory(jsonFiles(project.dataset)),
    ['data/forums.csv', utf8('\uFEFFid,name_sv\nnoa,Nationellt underrättelsecenter åäö\n')],
    ['dataset.jsonld', utf8('{"@graph":[]}\n')],
    ['context.jsonld', utf8('{"@context":{}}\n')],
    ['datapackage.json', utf8('{"name":"samverkan"}\n')],
    ['schema/forum.schema.json', utf8('{"type":"object"}\n')],
    ['types/index.d.ts', utf8('export interface Forum { id: string }\n')],
    ['index.html', utf8('<!doctype html><title>Samverkan mot brott – översikt</title>\n')],
  ]);
});

/** The files as a writer after them sees them: sizes and hashes. */
const context = (overrides: Partial<Omit<PublishContext, 'files'>> & { files?: ReadonlyMap<string, Uint8Array> } = {}): PublishContext => ({ ...project, version: '1.2.3', ...overrides, files: madeFiles(overrides.files ?? files) });

/** The project's dataset with dates on its sources: the oldest 2023-11-20, the newest 2025-01-15. */
function datedDataset(): Dataset {
  const [first] = project.dataset.sources;
  if (!first) throw new Error('the project has no sources');
  return {
    ...project.dataset,
    sources: [
      { ...first, retrieved: '2024-03-01', lastUpdated: '2023-11-20' },
      { ...first, id: 'example.se/other.sv', retrieved: '2025-01-15' },
    ],
  };
}

describe('dcatWriter', () => {
  let quads: Quad[];
  let config: PublicationConfig;
  const node = (local: string) => `${config.baseIri}${local}`;
  beforeAll(async () => {
    config = project.config;
    quads = await parse(write(context({ dataset: datedDataset() })));
  });

  it('names the catalogue, dataset, publisher, contact and every distribution with IRIs, and uses no blank node', () => {
    const typedAs = (cls: string) => quads.filter((q) => q.predicate.value === TYPE && q.object.value === cls).map((q) => q.subject.value);
    expect(typedAs(`${DCAT}Catalog`)).toEqual([node('catalog')]);
    expect(typedAs(`${DCAT}Dataset`)).toEqual([node('dataset')]);
    expect(typedAs(`${FOAF}Agent`)).toEqual([node('publisher')]);
    expect(typedAs(`${VCARD}Organization`)).toEqual([node('contact')]);
    expect(typedAs(`${DCAT}Distribution`).sort()).toEqual([...files.keys()].map((p) => node(`distribution/${p.replaceAll('/', '-')}`)).sort());
    const blank = quads.flatMap((q) => [q.subject, q.predicate, q.object]).filter((t) => t.termType === 'BlankNode');
    expect(blank).toEqual([]);
  });

  it('writes only absolute IRIs', () => {
    const named = quads.flatMap((q) => [q.subject, q.predicate, q.object]).filter((t) => t.termType === 'NamedNode');
    expect(named.length).toBeGreaterThan(100);
    for (const t of named) {
      expect(t.value.startsWith(SENTINEL_BASE), t.value).toBe(false);
      expect(t.value, t.value).toMatch(/^(https?:\/\/[^/]+\/|mailto:[^@]+@)/u);
    }
  });

  it('describes the catalogue: titles and descriptions in Swedish and English, publisher, licence, languages, homepage, dataset', () => {
    const catalog = node('catalog');
    for (const lang of ['sv', 'en'] as const) {
      expect(texts(quads, catalog, `${DCT}title`, lang)).toEqual([config.title[lang]]);
      expect(texts(quads, catalog, `${DCT}description`, lang)).toEqual([config.description[lang]]);
    }
    expect(iris(quads, catalog, `${DCT}publisher`)).toEqual([node('publisher')]);
    expect(iris(quads, catalog, `${DCT}license`)).toEqual([config.license.path]);
    expect(iris(quads, catalog, `${DCT}language`).sort()).toEqual([`${EU}language/ENG`, `${EU}language/SWE`]);
    expect(iris(quads, catalog, `${FOAF}homepage`)).toEqual([config.landingPage]);
    expect(iris(quads, catalog, `${DCAT}dataset`)).toEqual([node('dataset')]);
    expect(iris(quads, catalog, `${DCAT}themeTaxonomy`)).toEqual([`${EU}data-theme`]);
  });

  it('describes the dataset with every property DCAT-AP-SE asks for', () => {
    const ds = node('dataset');
    for (const lang of ['sv', 'en'] as const) {
      expect(texts(quads, ds, `${DCT}title`, lang)).toEqual([config.title[lang]]);
      expect(texts(quads, ds, `${DCT}description`, lang)).toEqual([config.description[lang]]);
      expect(texts(quads, ds, `${DCAT}keyword`, lang).sort()).toEqual([...config.keywords[lang]].sort());
    }
    expect(iris(quads, ds, `${DCT}publisher`)).toEqual([node('publisher')]);
    expect(iris(quads, ds, `${DCAT}contactPoint`)).toEqual([node('contact')]);
    expect(iris(quads, ds, `${DCAT}theme`)).toEqual([`${EU}data-theme/JUST`]);
    expect(iris(quads, ds, `${DCT}accessRights`)).toEqual([`${EU}access-right/PUBLIC`]);
    expect(iris(quads, ds, `${DCAT}landingPage`)).toEqual([config.landingPage]);
    expect(texts(quads, ds, 'http://www.w3.org/2002/07/owl#versionInfo')).toEqual(['1.2.3']);
  });

  it('gives the period the sources were read or updated in, as xsd:date', () => {
    const [period] = iris(quads, node('dataset'), `${DCT}temporal`);
    expect(period).toBe(node('period'));
    expect(iris(quads, node('period'), TYPE)).toEqual([`${DCT}PeriodOfTime`]);
    expect(typed(quads, node('period'), `${DCAT}startDate`)).toEqual([{ value: '2023-11-20', datatype: `${XSD}date` }]);
    expect(typed(quads, node('period'), `${DCAT}endDate`)).toEqual([{ value: '2025-01-15', datatype: `${XSD}date` }]);
    expect(typed(quads, node('dataset'), `${DCT}modified`)).toEqual([{ value: '2025-01-15', datatype: `${XSD}date` }]);
  });

  it('leaves the period out when no source gives a date', async () => {
    const undated = { ...project.dataset, sources: project.dataset.sources.map(({ retrieved: _r, lastUpdated: _u, ...s }) => s) };
    const plain = await parse(write(context({ dataset: undated })));
    expect(objects(plain, node('dataset'), `${DCT}temporal`)).toEqual([]);
    expect(objects(plain, node('dataset'), `${DCT}modified`)).toEqual([]);
    expect(plain.filter((q) => q.subject.value === node('period'))).toEqual([]);
  });

  it('describes the publisher as a typed agent and the contact as a vCard organisation', () => {
    const publisher = node('publisher');
    expect(iris(quads, publisher, TYPE).sort()).toEqual([`${FOAF}Agent`, `${FOAF}Organization`]);
    expect(texts(quads, publisher, `${FOAF}name`)).toEqual([config.publisher.name]);
    expect(iris(quads, publisher, `${DCT}type`)).toEqual([config.publisher.type]);
    expect(iris(quads, publisher, `${FOAF}mbox`)).toEqual([`mailto:${config.publisher.email}`]);
    expect(iris(quads, publisher, `${FOAF}homepage`)).toEqual([config.publisher.url]);

    const contact = node('contact');
    expect(iris(quads, contact, TYPE).sort()).toEqual([`${VCARD}Kind`, `${VCARD}Organization`]);
    expect(texts(quads, contact, `${VCARD}fn`)).toEqual([config.contact.name]);
    expect(iris(quads, contact, `${VCARD}hasEmail`)).toEqual([`mailto:${config.contact.email}`]);
  });

  it('has one distribution per published file, with its URL, size, media type, format, licence and title', () => {
    const ds = node('dataset');
    const listed = iris(quads, ds, `${DCAT}distribution`);
    expect(listed).toHaveLength(files.size);
    for (const [path, bytes] of files) {
      const distribution = node(`distribution/${path.replaceAll('/', '-')}`);
      expect(listed).toContain(distribution);
      const url = `${config.downloadUrl}${path}`;
      expect(iris(quads, distribution, `${DCAT}accessURL`)).toEqual([url]);
      expect(iris(quads, distribution, `${DCAT}downloadURL`)).toEqual([url]);
      expect(typed(quads, distribution, `${DCAT}byteSize`)).toEqual([{ value: String(bytes.byteLength), datatype: `${XSD}decimal` }]);
      const { mediaType, fileType } = expectedType(path);
      expect(iris(quads, distribution, `${DCAT}mediaType`)).toEqual([mediaType]);
      expect(iris(quads, distribution, `${DCT}format`)).toEqual([fileType]);
      expect(iris(quads, distribution, `${DCT}license`)).toEqual([config.license.path]);
      expect(texts(quads, distribution, `${DCT}title`)).toEqual([path]);
    }
    // the size is in bytes, not characters
    const csv = typed(quads, node('distribution/data-forums.csv'), `${DCAT}byteSize`)[0];
    expect(Number(csv?.value)).toBeGreaterThan('\uFEFFid,name_sv\nnoa,Nationellt underrättelsecenter åäö\n'.length);
  });

  it('percent-encodes file names that are not IRI-safe', async () => {
    const odd = await parse(write(context({ files: new Map([['data/år 2024.csv', utf8('a\n')]]) })));
    const distribution = node(`distribution/${encodeURIComponent('data-år 2024.csv')}`);
    expect(iris(odd, distribution, `${DCAT}downloadURL`)).toEqual([`${config.downloadUrl}data/${encodeURIComponent('år 2024.csv')}`]);
    expect(texts(odd, distribution, `${DCT}title`)).toEqual(['data/år 2024.csv']);
  });

  it('does not describe a catalogue left over from an earlier run', async () => {
    const withOld = await parse(write(context({ files: new Map([...files, ['catalog.rdf', utf8('<rdf:RDF/>')]]) })));
    expect(iris(withOld, node('dataset'), `${DCAT}distribution`)).toHaveLength(files.size);
  });
});

describe('determinism', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the same bytes on every run, whatever order the files came in', () => {
    const first = inMemory(dcatWriter(context())).get('catalog.rdf');
    const again = inMemory(dcatWriter(context())).get('catalog.rdf');
    const reversed = inMemory(dcatWriter(context({ files: new Map([...files].reverse()) }))).get('catalog.rdf');
    expect(first).toBeDefined();
    expect(Buffer.from(again!).equals(Buffer.from(first!))).toBe(true);
    expect(Buffer.from(reversed!).equals(Buffer.from(first!))).toBe(true);
  });

  /** String#localeCompare as it behaves when LC_ALL names this locale (Node takes its default locale from LC_ALL) */
  const collateAs = (locale: string) => {
    const collator = new Intl.Collator(locale);
    return vi.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, that: string) {
      return collator.compare(String(this), that);
    });
  };

  it('writes the same bytes whatever the locale, though rdflib sorts with localeCompare', async () => {
    const baseline = write(context());
    const predicates = [...new Set((await parse(baseline)).map((q) => q.predicate.value))];
    const codeUnits = [...predicates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // these predicates do collate differently in Lithuanian (y sorts with i: dcterms:type before dcterms:title)
    expect([...predicates].sort(new Intl.Collator('lt-LT').compare)).not.toEqual(codeUnits);
    for (const locale of ['lt-LT', 'et-EE', 'da-DK', 'hu-HU', 'cs-CZ', 'tr-TR', 'sv-SE', 'ja-JP']) {
      const mock = collateAs(locale);
      expect(write(context()), locale).toBe(baseline);
      // and the locale's own order is back for everyone else
      expect(String.prototype.localeCompare).toBe(mock);
      vi.restoreAllMocks();
    }
  });

  it('writes the same bytes under a collation that reverses everything', () => {
    const baseline = write(context());
    vi.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, that: string) {
      return this < that ? 1 : this > that ? -1 : 0;
    });
    expect(write(context())).toBe(baseline);
  });
});

describe('escaping', () => {
  const awkward = {
    sv: 'Brott & straff <"citat"> \'apostrof\' ]]> slut\r\nny rad\ttab åäö 😀',
    en: 'A & B < C > D "E" &amp; ]]>',
  };

  it('escapes &, <, quotes, ]]> and carriage returns so every literal reads back exactly', async () => {
    const { config } = project;
    const special: PublicationConfig = {
      ...config,
      title: awkward,
      description: { sv: 'Rad ett\nrad två & <b>fet</b>', en: '"quoted" & <tagged>' },
      keywords: { sv: ['a<b', 'c&d'], en: ['"x"', "y'z"] },
      publisher: { ...config.publisher, name: 'Öppna data & <co>' },
      contact: { ...config.contact, name: 'Kontakt "A" & B' },
    };
    const xml = write(context({ config: special }));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF')).toBe(true);
    expect(xml).toContain(']]&gt;');
    const quads = await parse(xml);
    const catalog = `${config.baseIri}catalog`;
    const ds = `${config.baseIri}dataset`;
    expect(texts(quads, catalog, `${DCT}title`, 'sv')).toEqual([awkward.sv]);
    expect(texts(quads, catalog, `${DCT}title`, 'en')).toEqual([awkward.en]);
    expect(texts(quads, ds, `${DCT}title`, 'sv')).toEqual([awkward.sv]);
    expect(texts(quads, ds, `${DCT}description`, 'sv')).toEqual([special.description.sv]);
    expect(texts(quads, ds, `${DCT}description`, 'en')).toEqual([special.description.en]);
    expect(texts(quads, ds, `${DCAT}keyword`, 'sv').sort()).toEqual(['a<b', 'c&d']);
    expect(texts(quads, ds, `${DCAT}keyword`, 'en').sort()).toEqual(['"x"', "y'z"]);
    expect(texts(quads, `${config.baseIri}publisher`, `${FOAF}name`)).toEqual([special.publisher.name]);
    expect(texts(quads, `${config.baseIri}contact`, `${VCARD}fn`)).toEqual([special.contact.name]);
  });

  it('escapes & in IRIs', async () => {
    const landingPage = 'https://samverkan.example.org/?a=1&b=2';
    const quads = await parse(write(context({ config: { ...project.config, landingPage } })));
    expect(iris(quads, `${project.config.baseIri}dataset`, `${DCAT}landingPage`)).toEqual([landingPage]);
  });

  it('stops on text XML cannot carry, naming the setting', () => {
    const config = { ...project.config, title: { ...project.config.title, sv: 'bell\u0007' } };
    expect(() => dcatWriter(context({ config }))).toThrow(/title\.sv: Unexpected character U\+0007/u);
  });

  it('stops on an IRI with a space, naming the setting', () => {
    const config = { ...project.config, landingPage: 'https://samverkan.example.org/my page' };
    expect(() => dcatWriter(context({ config }))).toThrow(/landingPage: Unexpected/u);
  });
});

describe('files it cannot describe', () => {
  it('stops on a file whose type it does not know', () => {
    expect(() => dcatWriter(context({ files: new Map([['data/forums.parquet', utf8('x')]]) }))).toThrow(/data\/forums\.parquet: Unexpected file/u);
  });

  it('stops when two files would share a distribution IRI', () => {
    const clash = new Map([
      ['data/x.json', utf8('[]')],
      ['data-x.json', utf8('[]')],
    ]);
    expect(() => dcatWriter(context({ files: clash }))).toThrow(/distribution IRI shared/u);
  });
});
