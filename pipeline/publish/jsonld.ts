import type { Authority } from '../../schemas/authority.js';
import type { Forum } from '../../schemas/forum.js';
import { Role } from '../../schemas/ids.js';
import type { Membership } from '../../schemas/membership.js';
import type { Source } from '../../schemas/source.js';
import { compareCodeUnits } from '../util/compare.js';
import type { PublicationConfig } from './config.js';
import { newestSourceDate, textParts, utf8, type FileContent, type PublishContext, type Writer } from './context.js';
import { InvalidRecordError, jsonArrayParts } from './json.js';
import { fileTypeOf } from './media-types.js';

/**
 * dist/dataset.jsonld: the dataset as linked data, schema.org for search engines and the W3C
 * Organization Ontology (org:) for forums and memberships. The context is embedded so reading
 * the file needs no network; context.jsonld beside it holds the same context for reuse.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

/**
 * Every key the document uses is a term defined here or a compact IRI on one of its prefixes
 * (org:, time:, skos:). There is no @vocab, so a misspelt key fails safe-mode expansion instead
 * of silently becoming a schema.org term.
 */
export const JSONLD_CONTEXT = {
  schema: 'http://schema.org/',
  org: 'http://www.w3.org/ns/org#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  time: 'http://www.w3.org/2006/time#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  Dataset: 'schema:Dataset',
  DataDownload: 'schema:DataDownload',
  CreativeWork: 'schema:CreativeWork',
  Organization: 'schema:Organization',
  GovernmentOrganization: 'schema:GovernmentOrganization',
  OrganizationRole: 'schema:OrganizationRole',
  name: 'schema:name',
  alternateName: 'schema:alternateName',
  description: 'schema:description',
  identifier: 'schema:identifier',
  keywords: 'schema:keywords',
  version: 'schema:version',
  email: 'schema:email',
  inLanguage: 'schema:inLanguage',
  encodingFormat: 'schema:encodingFormat',
  contentSize: 'schema:contentSize',
  roleName: 'schema:roleName',
  startDate: 'schema:startDate',
  foundingDate: 'schema:foundingDate',
  dissolutionDate: 'schema:dissolutionDate',
  publisher: 'schema:publisher',
  distribution: 'schema:distribution',
  dateModified: { '@id': 'schema:dateModified', '@type': 'xsd:date' },
  url: { '@id': 'schema:url', '@type': '@id' },
  sameAs: { '@id': 'schema:sameAs', '@type': '@id' },
  license: { '@id': 'schema:license', '@type': '@id' },
  isBasedOn: { '@id': 'schema:isBasedOn', '@type': '@id' },
  subjectOf: { '@id': 'schema:subjectOf', '@type': '@id' },
  contentUrl: { '@id': 'schema:contentUrl', '@type': '@id' },
  /** schema:member: forum → its memberships (OrganizationRole), membership → the participant */
  member: { '@id': 'schema:member', '@type': '@id' },
  'org:member': { '@type': '@id' },
  'org:organization': { '@type': '@id' },
  'org:role': { '@type': '@id' },
  'time:inXSDgYear': { '@type': 'xsd:gYear' },
} as const satisfies Record<string, string | Record<string, string>>;

/** How each role reads in both languages (skos:prefLabel; altLabel for other words in use). */
export const ROLE_LABELS: Record<Role, { en: string; sv: string; svAlt?: string }> = {
  lead: { en: 'lead authority', sv: 'ledande myndighet' },
  coordinator: { en: 'coordinator', sv: 'samordnare' },
  initiator: { en: 'initiator', sv: 'initiativtagare' },
  member: { en: 'member', sv: 'medlem', svAlt: 'deltagare' },
  'network-member': { en: 'network member', sv: 'nätverksmyndighet' },
  partner: { en: 'partner', sv: 'samarbetspartner' },
};

/** The media type of a release file (pipeline/publish/media-types.ts); octet-stream when unknown. */
export function mediaTypeOf(path: string): string {
  return fileTypeOf(path)?.mediaType ?? 'application/octet-stream';
}

const GOVERNMENT_KINDS = new Set<Authority['kind']>(['state-agency', 'county-board', 'government']);

/** Characters a URL may hold that an IRI in N-Quads may not; URL.href percent-encodes them. */
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|\\^`]/u;

/** A record's URL as an IRI, or undefined when it is not http(s): nothing else becomes a link. */
export function httpIri(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return NOT_IN_IRI.test(value) ? url.href : value;
}

/** What encodeURIComponent leaves as it is: ids mostly are, and the test costs less than the call. */
const URI_UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]*$/;
/** A path segment of an IRI: `encodeURIComponent`, looked at first. */
export function segment(value: string | number): string {
  const text = String(value);
  return URI_UNRESERVED.test(text) ? text : encodeURIComponent(text);
}
const path = (...segments: (string | number)[]) => segments.map(segment).join('/');

const texts = (values: { en?: string | undefined; sv?: string | undefined }): Node[] =>
  (['sv', 'en'] as const).flatMap((lang) => (values[lang] === undefined ? [] : [{ '@value': values[lang], '@language': lang }]));

const gYear = (year: number): Node => ({ '@value': String(year).padStart(4, '0'), '@type': 'xsd:gYear' });

/** YYYY or YYYY-MM as the matching XSD type; anything else is not a date this writer states. */
function partialDate(value: string): Node | undefined {
  if (/^\d{4}$/u.test(value)) return { '@value': value, '@type': 'xsd:gYear' };
  if (/^\d{4}-(0[1-9]|1[0-2])$/u.test(value)) return { '@value': value, '@type': 'xsd:gYearMonth' };
  return undefined;
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** The IRIs every node gets, built from the base IRI and record ids only. */
export function iris(config: PublicationConfig, sharedOrgNumbers: ReadonlySet<string> = new Set()) {
  const base = config.baseIri;
  return {
    dataset: `${base}dataset`,
    forum: (id: string) => `${base}forum/${path(id)}`,
    membership: (m: Pick<Membership, 'forumId' | 'authorityId'>) => `${base}membership/${path(m.forumId, m.authorityId)}`,
    role: (role: Role) => `${base}role/${path(role)}`,
    source: (id: string) => `${base}source/${path(...id.split('/'))}`,
    /**
     * The Swedish data portal's IRI when there is an organisation number, so the graphs join;
     * not when several authorities share one (courts share their administration's number).
     */
    authority: (a: Pick<Authority, 'id' | 'orgNumber'>) =>
      a.orgNumber !== undefined && /^\d{6}-\d{4}$/u.test(a.orgNumber) && !sharedOrgNumbers.has(a.orgNumber) ? `http://dataportal.se/organisation/SE${a.orgNumber.replace('-', '')}` : `${base}authority/${path(a.id)}`,
  };
}
type Iris = ReturnType<typeof iris>;

/** The text `make` gives a key, made once: for IRIs that every membership and piece of evidence repeats. */
function once<K>(make: (key: K) => string): (key: K) => string {
  const made = new Map<K, string>();
  return (key) => {
    let text = made.get(key);
    if (text === undefined) made.set(key, (text = make(key)));
    return text;
  };
}

function authorityNode(a: Authority, iri: Iris): Node {
  const wikidata = a.wikidata !== undefined && /^Q\d+$/u.test(a.wikidata) ? `http://www.wikidata.org/entity/${a.wikidata}` : undefined;
  const website = httpIri(a.website);
  // namesInSources is not repeated here: it records spellings, kept in data/authorities.json
  const alternateNames = unique([...a.otherNames, ...a.formerNames]);
  return {
    '@id': iri.authority(a),
    '@type': a.resolved && GOVERNMENT_KINDS.has(a.kind) ? 'GovernmentOrganization' : 'Organization',
    name: texts(a.name),
    ...(alternateNames.length > 0 ? { alternateName: alternateNames } : {}),
    ...(a.orgNumber !== undefined ? { identifier: a.orgNumber } : {}),
    ...(wikidata !== undefined ? { sameAs: wikidata } : {}),
    ...(website !== undefined ? { url: website } : {}),
  };
}

function forumNode(f: Forum, memberships: readonly Membership[], iri: Iris): Node {
  // startDate says the month when there is one; startYear is the fallback
  const founded = (f.startDate !== undefined ? partialDate(f.startDate) : undefined) ?? (f.startYear !== undefined ? gYear(f.startYear) : undefined);
  // commissionedBy is free text about who ordered the work: schema.org has no fitting property
  // that takes text, so it stays in data/forums.json only
  return {
    '@id': iri.forum(f.id),
    '@type': ['org:OrganizationalCollaboration', 'Organization'],
    identifier: f.id,
    name: texts(f.name),
    ...(f.acronym !== undefined ? { alternateName: f.acronym } : {}),
    ...(founded !== undefined ? { foundingDate: founded } : {}),
    ...(f.endYear !== undefined ? { dissolutionDate: gYear(f.endYear) } : {}),
    subjectOf: f.sourceIds.map(iri.source),
    member: memberships.map(iri.membership),
  };
}

/** One node that is both the ORG membership and the schema.org role of the participant. */
function membershipNode(m: Membership, authority: Authority, iri: Iris): Node {
  const labels = ROLE_LABELS[m.role];
  const participant = iri.authority(authority);
  return {
    '@id': iri.membership(m),
    '@type': ['org:Membership', 'OrganizationRole'],
    'org:member': participant,
    'org:organization': iri.forum(m.forumId),
    'org:role': iri.role(m.role),
    ...(m.since !== undefined
      ? { 'org:memberDuring': { '@type': 'time:Interval', 'time:hasBeginning': { '@type': 'time:Instant', 'time:inXSDgYear': String(m.since).padStart(4, '0') } } }
      : {}),
    member: participant,
    roleName: texts(labels),
    ...(m.since !== undefined ? { startDate: gYear(m.since) } : {}),
    subjectOf: unique(m.evidence.map((e) => e.sourceId)).map(iri.source),
  };
}

function roleNode(role: Role, iri: Iris): Node {
  const labels = ROLE_LABELS[role];
  return {
    '@id': iri.role(role),
    '@type': 'org:Role',
    identifier: role,
    'skos:prefLabel': texts(labels),
    ...(labels.svAlt !== undefined ? { 'skos:altLabel': texts({ sv: labels.svAlt }) } : {}),
  };
}

function sourceNode(s: Source, iri: Iris): Node {
  const url = httpIri(s.url);
  // retrieved (the snapshot date) has no schema.org counterpart; it is in data/sources.json
  return {
    '@id': iri.source(s.id),
    '@type': 'CreativeWork',
    identifier: s.id,
    ...(url !== undefined ? { url } : {}),
    ...(s.title !== undefined ? { name: { '@value': s.title, '@language': s.language } } : {}),
    inLanguage: s.language,
    ...(s.publisher !== undefined ? { publisher: { '@type': 'Organization', name: s.publisher } } : {}),
    ...(s.lastUpdated !== undefined ? { dateModified: s.lastUpdated } : {}),
  };
}

function datasetNode(ctx: PublishContext, iri: Iris): Node {
  const { config, dataset } = ctx;
  const modified = newestSourceDate(dataset);
  const basedOn = unique(dataset.sources.flatMap((s) => httpIri(s.url) ?? []));
  const downloads = [...ctx.files.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([file, bytes]) => ({
      '@type': 'DataDownload',
      name: file,
      contentUrl: config.downloadUrl + file.split('/').map(segment).join('/'),
      encodingFormat: mediaTypeOf(file),
      // bytes as a number; schema.org allows text here, but a number is what tools compare
      contentSize: bytes.byteLength,
    }));
  return {
    '@id': iri.dataset,
    '@type': 'Dataset',
    name: texts(config.title),
    description: texts(config.description),
    url: config.landingPage,
    isBasedOn: basedOn,
    license: config.license.path,
    ...(modified !== undefined ? { dateModified: modified } : {}),
    version: ctx.version,
    publisher: { '@type': 'Organization', name: config.publisher.name, url: config.publisher.url, email: config.publisher.email },
    keywords: (['sv', 'en'] as const).flatMap((lang) => config.keywords[lang].map((k) => ({ '@value': k, '@language': lang }))),
    distribution: downloads,
  };
}

/**
 * The document's nodes, in a fixed order (dataset, sources, forums, memberships, roles,
 * participants), each made only when it is read. What would make a wrong document is found
 * before any node is made: a membership that names a forum or participant not in the dataset,
 * two records on one IRI.
 */
function graphNodes(ctx: PublishContext): () => Generator<Node> {
  const { dataset } = ctx;
  const counted = new Map<string, number>();
  for (const a of ctx.dataset.authorities) if (a.orgNumber) counted.set(a.orgNumber, (counted.get(a.orgNumber) ?? 0) + 1);
  const made = iris(ctx.config, new Set([...counted].filter(([, n]) => n > 1).map(([orgNumber]) => orgNumber)));
  // forums, sources and participants are named again by every membership: their IRIs are made once (memberships' are not, each is used twice)
  const iri: Iris = { ...made, forum: once(made.forum), source: once(made.source), authority: once(made.authority) };
  const authorities = new Map(dataset.authorities.map((a) => [a.id, a]));
  const membersOf = new Map<string, Membership[]>(dataset.forums.map((f) => [f.id, []]));
  const participants = dataset.memberships.map((m) => {
    const authority = authorities.get(m.authorityId);
    const forumMembers = membersOf.get(m.forumId);
    // a dangling reference would publish a link to nothing: the pipeline is wrong, stop
    if (authority === undefined || forumMembers === undefined) {
      throw new InvalidRecordError(`membership ${m.forumId}/${m.authorityId}: names a forum or participant not in the dataset (a bug in samverkan: nothing was written)`);
    }
    forumMembers.push(m);
    return authority;
  });
  // two records on one IRI (a shared organisation number) would merge into one node: stop
  const ids = [[iri.dataset], dataset.sources.map((s) => iri.source(s.id)), dataset.forums.map((f) => iri.forum(f.id)), dataset.memberships.map(iri.membership), Role.options.map(iri.role), dataset.authorities.map(iri.authority)];
  const seen = new Set<string>();
  for (const id of ids.flat()) {
    if (seen.has(id)) throw new InvalidRecordError(`${id}: two records would share this IRI (a bug in samverkan: nothing was written)`);
    seen.add(id);
  }
  return function* () {
    yield datasetNode(ctx, iri);
    for (const s of dataset.sources) yield sourceNode(s, iri);
    for (const f of dataset.forums) yield forumNode(f, membersOf.get(f.id) ?? [], iri);
    for (const [i, m] of dataset.memberships.entries()) yield membershipNode(m, participants[i] as Authority, iri);
    for (const r of Role.options) yield roleNode(r, iri);
    for (const a of dataset.authorities) yield authorityNode(a, iri);
  };
}

/** The whole document: the context and one @graph. */
export function jsonldDocument(ctx: PublishContext): Node {
  return { '@context': JSONLD_CONTEXT, '@graph': [...graphNodes(ctx)()] };
}

const serialise = (value: Json) => utf8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * dataset.jsonld as `serialise(jsonldDocument(ctx))` writes it, a node at a time (at 10,000
 * pages the text is 77 MB). The document is checked when the writer runs, before any of it is made.
 */
function documentParts(ctx: PublishContext): Iterable<string> {
  const nodes = graphNodes(ctx);
  return textParts(function* () {
    yield `{\n  "@context": ${JSON.stringify(JSONLD_CONTEXT, null, 2).replaceAll('\n', '\n  ')},\n  "@graph": `;
    yield* jsonArrayParts(nodes(), 1);
    yield '\n}\n';
  });
}

export const jsonldWriter: Writer = (ctx) =>
  new Map<string, FileContent>([
    ['dataset.jsonld', documentParts(ctx)],
    ['context.jsonld', serialise({ '@context': JSONLD_CONTEXT })],
  ]);
