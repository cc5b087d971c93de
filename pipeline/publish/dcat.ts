import * as $rdf from './rdf.js';
import { compareCodeUnits } from '../util/compare.js';
import { FILE_TYPES, fileTypeOf as fileTypeByEnding } from './media-types.js';
import { type MadeFile, newestSourceDate, oldestSourceDate, utf8, type PublishContext, type Writer } from './context.js';
import { iris } from './jsonld.js';

/**
 * dist/catalog.rdf: the release as a DCAT-AP-SE catalogue in RDF/XML, the form Sveriges
 * dataportal (dataportal.se) harvests. One catalogue, one dataset, one distribution per
 * published file. Every node the catalogue names is an absolute IRI, never a blank node, so a
 * harvester sees the same resources on every harvest.
 */
export const CATALOG_PATH = 'catalog.rdf';

/** A catalogue that would be wrong or unreadable: stop rather than publish it. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** The prefixes the RDF/XML uses: fixed here, so rdflib never makes one up. */
const NAMESPACES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

// not $rdf.Namespace: it is typed as returning RDF/JS terms, which rdflib's own Store.add does not take
const namespace = (base: string) => (local: string) => $rdf.sym(`${base}${local}`);
const rdf = namespace(NAMESPACES.rdf);
const dcat = namespace(NAMESPACES.dcat);
const dct = namespace(NAMESPACES.dcterms);
const foaf = namespace(NAMESPACES.foaf);
const vcard = namespace(NAMESPACES.vcard);
const owl = namespace(NAMESPACES.owl);
const skos = namespace(NAMESPACES.skos);
const XSD_DATE = $rdf.sym('http://www.w3.org/2001/XMLSchema#date');
/** the byte size's type: DCAT 2 says xsd:nonNegativeInteger, but DCAT-AP-SE's own editor templates declare xsd:decimal, and dataportal.se is who reads this */
const XSD_DECIMAL = $rdf.sym('http://www.w3.org/2001/XMLSchema#decimal');

/** EU Publications Office authority tables, the code lists DCAT-AP requires. */
const EU = 'http://publications.europa.eu/resource/authority/';
const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';

/** Swedish first: the profile is Swedish; the order shows in the file, not in the graph */
const LANGUAGES = ['sv', 'en'] as const;

/** What the dataset is about, whatever the settings: the facts of this project, not of a publisher. */
const SUBJECT = {
  /** Justice, legal system and public safety */
  theme: `${EU}data-theme/JUST`,
  themeScheme: `${EU}data-theme`,
  accessRights: `${EU}access-right/PUBLIC`,
  /** the dataset and its metadata are in Swedish and English */
  languages: [`${EU}language/SWE`, `${EU}language/ENG`],
  spatial: `${EU}country/SWE`,
} as const;

export function fileTypeOf(path: string): { mediaType: string; fileType: string } {
  const type = fileTypeByEnding(path);
  if (type === undefined) {
    throw new CatalogError(`${path}: Unexpected file in the release, expected one ending in ${FILE_TYPES.map((t) => t.ending).join(', ')} (add its media type to FILE_TYPES in pipeline/publish/media-types.ts)`);
  }
  return { mediaType: `${IANA_MEDIA_TYPES}${type.mediaType}`, fileType: `${EU}file-type/${type.euFileType}` };
}

/** The IRIs this catalogue mints, all under the base IRI; the dataset's is the JSON-LD's. */
export function catalogIris(config: PublishContext['config']) {
  const base = config.baseIri;
  return {
    catalog: `${base}catalog`,
    dataset: iris(config).dataset,
    publisher: `${base}publisher`,
    contact: `${base}contact`,
    period: `${base}period`,
    /** `data/forums.csv` → `<base>distribution/data-forums.csv` */
    distribution: (path: string) => `${base}distribution/${encodeURIComponent(path.replaceAll('/', '-'))}`,
  };
}

/** Characters XML 1.0 cannot carry at all, not even as a character reference. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** An absolute IRI without the characters RFC 3987 leaves out (spaces, <>"{}|\^`, controls). */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|\\^`\u007F-\u009F]+$/u;

function text(value: string, field: string, lang?: 'sv' | 'en'): $rdf.Literal {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new CatalogError(`${field}: Unexpected character U+${code}, expected text XML can carry (tab, newline and printable characters)`);
  }
  return $rdf.lit(value, lang);
}

function iri(value: string, field: string): $rdf.NamedNode {
  if (!ABSOLUTE_IRI.test(value)) throw new CatalogError(`${field}: Unexpected ${JSON.stringify(value)}, expected an absolute IRI without spaces or <>"{}|\\^\``);
  return $rdf.sym(value);
}

const date = (value: string): $rdf.Literal => $rdf.lit(value, undefined, XSD_DATE);

interface DistributedFile {
  path: string;
  bytes: MadeFile;
  node: $rdf.NamedNode;
}

/** The release's files as distributions: every file but this catalogue, in code-unit order of path. */
function distributedFiles(files: ReadonlyMap<string, MadeFile>, id: ReturnType<typeof catalogIris>): DistributedFile[] {
  const byIri = new Map<string, DistributedFile>();
  // a catalogue from an earlier run would describe itself with stale bytes
  for (const [path, bytes] of [...files].filter(([p]) => p !== CATALOG_PATH).sort(([a], [b]) => compareCodeUnits(a, b))) {
    const node = iri(id.distribution(path), `distribution of ${path}`);
    const other = byIri.get(node.value);
    if (other !== undefined) throw new CatalogError(`${path}: Unexpected distribution IRI shared with ${other.path}, expected one IRI per file`);
    byIri.set(node.value, { path, bytes, node });
  }
  return [...byIri.values()];
}

/**
 * The catalogue as a graph. Subjects are added in reading order (catalogue, dataset, period,
 * publisher, contact, distributions, code-list terms) because rdflib writes them in the order
 * it first meets them.
 */
export function catalogGraph(ctx: PublishContext): $rdf.Store {
  const { config, dataset } = ctx;
  const id = catalogIris(config);
  const store = $rdf.graph();
  const add: Add = (s, p, o) => void store.add(s, p, o);
  /** external terms (licence, code lists, media types) get their DCAT-AP class, declared once at the end */
  const terms = new Map<string, $rdf.NamedNode[]>();
  const term: Term = (node, cls) => {
    const classes = terms.get(node.value) ?? [];
    if (!classes.some((c) => c.equals(cls))) classes.push(cls);
    terms.set(node.value, classes);
    return node;
  };

  const nodes: Nodes = {
    catalog: iri(id.catalog, 'baseIri'),
    dataset: iri(id.dataset, 'baseIri'),
    period: iri(id.period, 'baseIri'),
    publisher: iri(id.publisher, 'baseIri'),
    contact: iri(id.contact, 'baseIri'),
    license: term(iri(config.license.path, 'license.path'), dct('LicenseDocument')),
    landingPage: term(iri(config.landingPage, 'landingPage'), foaf('Document')),
    languages: SUBJECT.languages.map((l) => term($rdf.sym(l), dct('LinguisticSystem'))),
  };
  const files = distributedFiles(ctx.files, id);
  const { catalog } = nodes;
  const modified = newestSourceDate(dataset);

  add(catalog, rdf('type'), dcat('Catalog'));
  for (const lang of LANGUAGES) add(catalog, dct('title'), text(config.title[lang], `title.${lang}`, lang));
  for (const lang of LANGUAGES) add(catalog, dct('description'), text(config.description[lang], `description.${lang}`, lang));
  add(catalog, dct('publisher'), nodes.publisher);
  // the licence of the catalogue's own metadata, which DCAT-AP-SE requires to be CC0: publication.yaml's is
  add(catalog, dct('license'), nodes.license);
  for (const language of nodes.languages) add(catalog, dct('language'), language);
  add(catalog, foaf('homepage'), nodes.landingPage);
  add(catalog, dcat('themeTaxonomy'), term($rdf.sym(SUBJECT.themeScheme), skos('ConceptScheme')));
  if (modified !== undefined) add(catalog, dct('modified'), date(modified));
  add(catalog, dcat('dataset'), nodes.dataset);

  addDataset(ctx, nodes, files, add, term);
  addAgents(ctx, nodes, add, term);
  for (const file of files) addDistribution(config, nodes, file, add, term);

  for (const [value, classes] of [...terms].sort(([a], [b]) => compareCodeUnits(a, b))) {
    for (const cls of classes) add($rdf.sym(value), rdf('type'), cls);
  }
  return store;
}

type Add = (s: $rdf.NamedNode, p: $rdf.NamedNode, o: $rdf.NamedNode | $rdf.Literal) => void;
type Term = (node: $rdf.NamedNode, cls: $rdf.NamedNode) => $rdf.NamedNode;
/** the nodes more than one part of the catalogue points to */
interface Nodes {
  catalog: $rdf.NamedNode;
  dataset: $rdf.NamedNode;
  period: $rdf.NamedNode;
  publisher: $rdf.NamedNode;
  contact: $rdf.NamedNode;
  license: $rdf.NamedNode;
  landingPage: $rdf.NamedNode;
  languages: $rdf.NamedNode[];
}

function addDataset({ config, dataset, version }: PublishContext, nodes: Nodes, files: readonly DistributedFile[], add: Add, term: Term): void {
  const ds = nodes.dataset;
  add(ds, rdf('type'), dcat('Dataset'));
  for (const lang of LANGUAGES) add(ds, dct('title'), text(config.title[lang], `title.${lang}`, lang));
  for (const lang of LANGUAGES) add(ds, dct('description'), text(config.description[lang], `description.${lang}`, lang));
  for (const lang of LANGUAGES) config.keywords[lang].forEach((k, i) => add(ds, dcat('keyword'), text(k, `keywords.${lang}[${i}]`, lang)));
  add(ds, dct('publisher'), nodes.publisher);
  add(ds, dcat('contactPoint'), nodes.contact);
  add(ds, dcat('theme'), term($rdf.sym(SUBJECT.theme), skos('Concept')));
  add(ds, dct('accessRights'), term($rdf.sym(SUBJECT.accessRights), dct('RightsStatement')));
  add(ds, dcat('landingPage'), nodes.landingPage);
  for (const language of nodes.languages) add(ds, dct('language'), language);
  add(ds, dct('spatial'), term($rdf.sym(SUBJECT.spatial), dct('Location')));
  add(ds, owl('versionInfo'), text(version, 'version'));
  // the period the sources were read or updated in: the dates the dataset's facts hold for
  const start = oldestSourceDate(dataset);
  const end = newestSourceDate(dataset);
  if (start !== undefined && end !== undefined) {
    add(ds, dct('temporal'), nodes.period);
    add(ds, dct('modified'), date(end));
  }
  for (const file of files) add(ds, dcat('distribution'), file.node);
  if (start !== undefined && end !== undefined) {
    add(nodes.period, rdf('type'), dct('PeriodOfTime'));
    add(nodes.period, dcat('startDate'), date(start));
    add(nodes.period, dcat('endDate'), date(end));
  }
}

function addAgents({ config }: PublishContext, { publisher, contact }: Nodes, add: Add, term: Term): void {
  add(publisher, rdf('type'), foaf('Agent'));
  add(publisher, rdf('type'), foaf('Organization'));
  add(publisher, foaf('name'), text(config.publisher.name, 'publisher.name'));
  add(publisher, dct('type'), term(iri(config.publisher.type, 'publisher.type'), skos('Concept')));
  add(publisher, foaf('mbox'), iri(`mailto:${config.publisher.email}`, 'publisher.email'));
  add(publisher, foaf('homepage'), term(iri(config.publisher.url, 'publisher.url'), foaf('Document')));

  add(contact, rdf('type'), vcard('Organization'));
  add(contact, rdf('type'), vcard('Kind'));
  add(contact, vcard('fn'), text(config.contact.name, 'contact.name'));
  add(contact, vcard('hasEmail'), iri(`mailto:${config.contact.email}`, 'contact.email'));
  if (config.contact.url !== undefined) add(contact, vcard('hasURL'), iri(config.contact.url, 'contact.url'));
}

function addDistribution(config: PublishContext['config'], nodes: Nodes, { path, bytes, node }: DistributedFile, add: Add, term: Term): void {
  const type = fileTypeOf(path);
  const url = iri(`${config.downloadUrl}${path.split('/').map(encodeURIComponent).join('/')}`, `downloadUrl + ${path}`);
  add(node, rdf('type'), dcat('Distribution'));
  add(node, dct('title'), text(path, `file name ${path}`));
  add(node, dcat('accessURL'), url);
  add(node, dcat('downloadURL'), url);
  add(node, dcat('mediaType'), term($rdf.sym(type.mediaType), dct('MediaType')));
  add(node, dct('format'), term($rdf.sym(type.fileType), dct('MediaTypeOrExtent')));
  add(node, dcat('byteSize'), $rdf.lit(String(bytes.byteLength), undefined, XSD_DECIMAL));
  add(node, dct('license'), nodes.license);
}

/**
 * rdflib's RDF/XML writer orders each subject's properties with String#localeCompare, which
 * follows LC_ALL (in Lithuanian `dcterms:type` sorts before `dcterms:title`). For the length of
 * one synchronous call, so no other code can see it, make localeCompare compare code units: the
 * bytes then cannot depend on the locale. Everything else rdflib orders by insertion.
 */
function withCodeUnitOrder<T>(run: () => T): T {
  const localeCompare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (this: string, that: string): number {
    return compareCodeUnits(String(this), String(that));
  };
  try {
    return run();
  } finally {
    String.prototype.localeCompare = localeCompare;
  }
}

/**
 * The graph as RDF/XML, by rdflib, with what its writer leaves out: the XML declaration, and
 * escapes for the two things it writes raw that XML would not read back as written (`]]>`,
 * not allowed in text, and a carriage return, which parsers turn into a newline). Neither can
 * appear in its markup or in an IRI `iri` lets through, so replacing them everywhere only
 * touches literal text.
 */
export function toRdfXml(store: $rdf.Store): string {
  // no base IRI: rdflib would otherwise write IRIs relative to it
  const xml = withCodeUnitOrder(() => $rdf.serialize(null, store, undefined, 'application/rdf+xml', undefined, { namespaces: NAMESPACES }));
  if (xml === undefined) throw new CatalogError('Unexpected empty result from rdflib, expected RDF/XML');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.replaceAll(']]>', ']]&gt;').replaceAll('\r', '&#13;')}`;
}

export const dcatWriter: Writer = (ctx) => new Map([[CATALOG_PATH, utf8(toRdfXml(catalogGraph(ctx)))]]);
