import type { VFile } from 'vfile';
import type { Authority } from '../../schemas/authority.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Role } from '../../schemas/ids.js';
import type { Membership } from '../../schemas/membership.js';
import type { CountFact, ExtractedForum, Mention } from '../extract/types.js';
import { compareCodeUnits } from '../util/compare.js';
import type { NameIndex } from './name-index.js';
import { type ForumMatch, type ForumRegistry, SeenForums } from './match-forum.js';
import type { ParticipantKinds } from './participant-kinds.js';
import type { ForumRegistryEntry } from './registry-schema.js';
import { resolveMention } from './resolve-mention.js';
import { messageOn } from '../util/message.js';

export interface PageForums {
  file: VFile;
  sourceId: string;
  language: 'en' | 'sv';
  /** the source's date (retrieved, else last updated): a newer source's claim is the current one */
  date?: string;
  forums: ExtractedForum[];
}

/** A counted group with its participants resolved, ready for the count checks. */
export interface ResolvedGroup {
  forumId: string;
  group: 'members' | 'network-members';
  /** listed participants in order, the implied lead first; duplicates kept */
  members: { authorityId: string; mention: Mention }[];
  listEvidence: Evidence[];
  counts: CountFact[];
  file: VFile;
  sourceId: string;
  date?: string;
}

export interface Assembled {
  authorities: Authority[];
  forums: Forum[];
  memberships: Membership[];
  groups: ResolvedGroup[];
}

/** Most specific first: a participant keeps the first of these roles any source gives it. */
export const ROLE_PRIORITY: readonly Role[] = ['lead', 'coordinator', 'initiator', 'member', 'network-member', 'partner'];

/** Turn every page's extracted forums into records, resolving each name once per mention. */
export function assemble(pages: readonly PageForums[], index: NameIndex, kinds: ParticipantKinds, forumRegistry: ForumRegistry): Assembled {
  const authorities = new Map<string, Authority>();
  const forums = new Map<string, Forum>();
  const memberships = new Map<string, Membership>();
  // each membership's claims by source: a forum named on many pages has as many claims per member
  const claimsBySource = new Map<Membership, Map<string, Membership['claims'][number]>>();
  const groups: ResolvedGroup[] = [];
  const seen = new SeenForums();

  // A mention is resolved for each fact it is in (a participant, its group, its joining year): its warning is said once.
  const warned = new Set<string>();
  // Abbreviations a page gives in brackets after a registry name ("Brottsförebyggande rådet (Brå)"): the page's own short names.
  let learned = new Map<string, NonNullable<Mention['match']>>();
  const idOf = (given: Mention, page: PageForums): string => {
    const taught = given.match === undefined ? learned.get(given.name) : undefined;
    const mention: Mention = taught ? { ...given, match: taught } : given;
    const r = resolveMention(mention, index, kinds, page.language);
    if ('warning' in r && r.warning) {
      const key = `${page.sourceId}\u0000${mention.evidence.start.offset}\u0000${mention.evidence.end.offset}\u0000${r.warning.ruleId}`;
      if (!warned.has(key)) {
        warned.add(key);
        messageOn(page.file, r.warning.reason, { place: { start: mention.evidence.start, end: mention.evidence.end }, ruleId: r.warning.ruleId, source: 'samverkan' });
      }
    }
    const id = r.status === 'registry' ? r.entryId : r.id;
    let record = authorities.get(id);
    if (!record) {
      record = authorityRecord(r, index, page.language);
      authorities.set(id, record);
    }
    pushOnce(record.namesInSources, mention.name);
    return id;
  };

  // Older sources first, so that a newer source's claim comes last and wins.
  const ordered = [...pages].sort((a, b) => compareCodeUnits(a.date ?? '', b.date ?? '') || compareCodeUnits(a.sourceId, b.sourceId));
  for (const page of ordered) {
    learned = abbreviationsOf(page);
    for (const extracted of page.forums) {
      const ids = extracted.participants.map((p) => idOf(p.mention, page));
      const match = forumRegistry.match(extracted.name, extracted.acronym, new Set(ids), seen, page.sourceId);
      reportForumMatch(page, extracted, match);
      const forumId = match.id;
      mergeForum(forums, forumId, extracted, match.entry);
      seen.add(forumId, page.sourceId, ids);
      extracted.participants.forEach((p, i) => {
        const authorityId = ids[i] as string;
        const key = `${forumId}\u0000${authorityId}`;
        const existing = memberships.get(key);
        if (!existing) {
          const claim = claimOf(page, p.role);
          const created: Membership = { forumId, authorityId, role: p.role, evidence: [p.mention.evidence], claims: [claim] };
          memberships.set(key, created);
          claimsBySource.set(created, new Map([[page.sourceId, claim]]));
          return;
        }
        addEvidence(existing.evidence, p.mention.evidence);
        const claims = claimsBySource.get(existing) as Map<string, Membership['claims'][number]>;
        const claim = claims.get(page.sourceId);
        if (!claim) {
          const added = claimOf(page, p.role);
          existing.claims.push(added);
          claims.set(page.sourceId, added);
        } else if (ROLE_PRIORITY.indexOf(p.role) < ROLE_PRIORITY.indexOf(claim.role)) claim.role = p.role;
      });
      for (const s of extracted.since) {
        const m = memberships.get(`${forumId}\u0000${idOf(s.mention, page)}`);
        const claim = m ? claimsBySource.get(m)?.get(page.sourceId) : undefined;
        if (claim && (claim.since === undefined || s.year < claim.since)) claim.since = s.year;
        if (m && (m.since === undefined || s.year < m.since)) {
          m.since = s.year;
          m.sinceEvidence = [s.evidence];
        }
      }
      for (const g of extracted.groups) {
        if (g.counts.length === 0) continue;
        const members = [...g.implied, ...g.items].map((mention) => ({ authorityId: idOf(mention, page), mention }));
        groups.push({ forumId, group: g.group, members, listEvidence: g.listEvidence, counts: g.counts, file: page.file, sourceId: page.sourceId, ...(page.date ? { date: page.date } : {}) });
      }
      if (extracted.looseCounts.length > 0) {
        groups.push({ forumId, group: 'members', members: [], listEvidence: [], counts: extracted.looseCounts, file: page.file, sourceId: page.sourceId, ...(page.date ? { date: page.date } : {}) });
      }
    }
  }
  for (const m of memberships.values()) m.role = currentRole(m);
  return {
    authorities: [...authorities.values()].sort((a, b) => compareCodeUnits(a.id, b.id)),
    forums: [...forums.values()].map((f) => ({ ...f, sourceIds: [...f.sourceIds].sort(compareCodeUnits) })).sort((a, b) => compareCodeUnits(a.id, b.id)),
    memberships: [...memberships.values()].sort(
      (a, b) => compareCodeUnits(a.forumId, b.forumId) || ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role) || compareCodeUnits(a.authorityId, b.authorityId),
    ),
    groups,
  };
}

function claimOf(page: PageForums, role: Role): Membership['claims'][number] {
  return { sourceId: page.sourceId, role, ...(page.date ? { date: page.date } : {}) };
}

/** The newest dated source decides the role; without dates, the most specific role counts. */
function currentRole(m: Membership): Role {
  const dated = m.claims.filter((c) => c.date !== undefined);
  const newest = dated.sort((a, b) => compareCodeUnits(a.date ?? '', b.date ?? ''))[dated.length - 1];
  const undatedOrSame = m.claims.filter((c) => c.date === undefined || c.date === newest?.date);
  if (newest && undatedOrSame.every((c) => c.date === newest.date)) {
    return m.claims.filter((c) => c.date === newest.date).map((c) => c.role).sort((a, b) => ROLE_PRIORITY.indexOf(a) - ROLE_PRIORITY.indexOf(b))[0] ?? newest.role;
  }
  return [...m.claims.map((c) => c.role)].sort((a, b) => ROLE_PRIORITY.indexOf(a) - ROLE_PRIORITY.indexOf(b))[0] ?? m.role;
}

function reportForumMatch(page: PageForums, extracted: ExtractedForum, match: ForumMatch): void {
  const place = { start: extracted.nameEvidence.start, end: extracted.nameEvidence.end };
  if (match.via === 'participants') {
    messageOn(page.file, `Unexpected forum name \`${extracted.name}\`, expected a name in sources/registry/forums.yaml: taken as \`${match.id}\`, which has ${match.shared} of the same participants; add the name there if this is right`, { place, ruleId: 'forum-matched-by-participants', source: 'samverkan' });
  } else if (match.via === 'new') {
    messageOn(page.file, `Unexpected forum \`${extracted.name}\`, expected a forum in sources/registry/forums.yaml: added as \`${match.id}\``, { place, ruleId: 'forum-not-in-registry', source: 'samverkan' });
  }
}

/** The places already in each evidence list: a forum named on many pages gathers long lists. */
const evidencePlaces = new WeakMap<Evidence[], Set<string>>();

function addEvidence(list: Evidence[], evidence: Evidence): void {
  let places = evidencePlaces.get(list);
  if (!places) {
    places = new Set(list.map(placeKey));
    evidencePlaces.set(list, places);
  }
  const key = placeKey(evidence);
  if (places.has(key)) return;
  places.add(key);
  list.push(evidence);
}

const placeKey = (e: Evidence) => `${e.sourceId}\u0000${e.start.offset}\u0000${e.end.offset}`;

/** The values already in each list: a forum named on many pages has as many sources, an authority many names. */
const listed = new WeakMap<string[], Set<string>>();

function pushOnce(list: string[], value: string): void {
  // most lists stay short, where a search costs less than the index
  if (list.length < 8) {
    if (!list.includes(value)) list.push(value);
    return;
  }
  let values = listed.get(list);
  if (!values) {
    values = new Set(list);
    listed.set(list, values);
  }
  if (values.has(value)) return;
  values.add(value);
  list.push(value);
}

function mergeForum(forums: Map<string, Forum>, id: string, f: ExtractedForum, entry: ForumRegistryEntry | undefined): void {
  let forum = forums.get(id);
  if (!forum) {
    const en = entry?.names.en[0];
    const sv = entry?.names.sv[0];
    forum = { id, name: entry ? { ...(en ? { en } : {}), ...(sv ? { sv } : {}) } : { [f.language]: f.name }, sourceIds: [], evidence: [] };
    if (entry?.acronyms[0]) forum.acronym = entry.acronyms[0];
    forums.set(id, forum);
  }
  if (!forum.name[f.language]) forum.name[f.language] = f.name;
  if (f.acronym && !forum.acronym) forum.acronym = f.acronym;
  pushOnce(forum.sourceIds, f.sourceId);
  addEvidence(forum.evidence, f.nameEvidence);
  if (f.start && forum.startYear === undefined) {
    forum.startYear = f.start.value.year;
    forum.startDate = f.start.value.month ? `${f.start.value.year}-${String(f.start.value.month).padStart(2, '0')}` : String(f.start.value.year);
    forum.startEvidence = [f.start.evidence];
  }
  if (f.end && forum.endYear === undefined) {
    forum.endYear = f.end.value.year;
    forum.endEvidence = [f.end.evidence];
  }
  if (f.commissionedBy && forum.commissionedBy === undefined) {
    forum.commissionedBy = f.commissionedBy.value;
    forum.commissionedByEvidence = [f.commissionedBy.evidence];
  }
}

function authorityRecord(r: ReturnType<typeof resolveMention>, index: NameIndex, language: 'en' | 'sv'): Authority {
  if (r.status === 'registry') {
    const e = index.entry(r.entryId);
    if (!e) throw new Error(`registry entry ${r.entryId} is named by an alias but missing from the registry`);
    const record: Authority = {
      id: e.id,
      name: e.name.en ? { sv: e.name.sv, en: e.name.en } : { sv: e.name.sv },
      otherNames: [...e.abbreviations, ...e.otherNames],
      formerNames: [...e.formerNames],
      namesInSources: [],
      kind: e.kind,
      resolved: true,
    };
    if (e.orgNumber) record.orgNumber = e.orgNumber;
    if (e.wikidata) record.wikidata = e.wikidata;
    if (e.website) record.website = e.website;
    return record;
  }
  return {
    id: r.id,
    name: { [language]: r.name },
    otherNames: [],
    formerNames: [],
    namesInSources: [],
    kind: r.status === 'kind' ? r.kind : 'other',
    resolved: false,
  };
}

const NOTHING_TAUGHT: Map<string, NonNullable<Mention['match']>> = new Map();

/**
 * The abbreviations a page writes in brackets after a name the registry knows, each for that
 * name's entry, so that the page's later "Brå" is Brottsförebyggande rådet however the registry
 * spells its abbreviation. An abbreviation given for two entries teaches nothing.
 */
function abbreviationsOf(page: PageForums): Map<string, NonNullable<Mention['match']>> {
  const taught = new Map<string, NonNullable<Mention['match']> | null>();
  const teach = (m: Mention) => {
    if (!m.match || !m.abbreviation || m.partial) return;
    const known = taught.get(m.abbreviation);
    if (known === undefined) taught.set(m.abbreviation, { entryId: m.match.entryId, via: 'abbreviation', spelling: m.abbreviation });
    else if (known !== null && known.entryId !== m.match.entryId) taught.set(m.abbreviation, null);
  };
  for (const forum of page.forums) {
    for (const p of forum.participants) teach(p.mention);
    for (const g of forum.groups) {
      for (const m of g.items) teach(m);
      for (const m of g.implied) teach(m);
    }
  }
  if (taught.size === 0) return NOTHING_TAUGHT;
  return new Map([...taught].filter((e): e is [string, NonNullable<Mention['match']>] => e[1] !== null));
}
