import type { VFile } from 'vfile';
import type { Authority } from '../../schemas/authority.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Role } from '../../schemas/ids.js';
import type { Membership } from '../../schemas/membership.js';
import type { CountFact, ExtractedForum, Mention } from '../extract/types.js';
import { compareCodeUnits } from '../util/compare.js';
import type { NameIndex } from './name-index.js';
import { slugify } from './normalise.js';
import type { ParticipantKinds } from './participant-kinds.js';
import { resolveMention } from './resolve-mention.js';

export interface PageForums {
  file: VFile;
  language: 'en' | 'sv';
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
export function assemble(pages: readonly PageForums[], index: NameIndex, kinds: ParticipantKinds): Assembled {
  const authorities = new Map<string, Authority>();
  const forums = new Map<string, Forum>();
  const memberships = new Map<string, Membership>();
  const groups: ResolvedGroup[] = [];

  const idOf = (mention: Mention, page: PageForums): string => {
    const r = resolveMention(mention, index, kinds, page.language);
    if ('warning' in r && r.warning) {
      page.file.message(r.warning.reason, { place: { start: mention.evidence.start, end: mention.evidence.end }, ruleId: r.warning.ruleId, source: 'samverkan' });
    }
    const id = r.status === 'registry' ? r.entryId : r.id;
    let record = authorities.get(id);
    if (!record) {
      record = authorityRecord(r, index, page.language);
      authorities.set(id, record);
    }
    if (!record.namesInSources.includes(mention.name)) record.namesInSources.push(mention.name);
    return id;
  };

  for (const page of pages) {
    for (const extracted of page.forums) {
      const forumId = slugify(extracted.name) || 'forum';
      mergeForum(forums, forumId, extracted);
      for (const p of extracted.participants) {
        const authorityId = idOf(p.mention, page);
        const key = `${forumId}\u0000${authorityId}`;
        const existing = memberships.get(key);
        if (!existing) memberships.set(key, { forumId, authorityId, role: p.role, evidence: [p.mention.evidence] });
        else {
          if (ROLE_PRIORITY.indexOf(p.role) < ROLE_PRIORITY.indexOf(existing.role)) existing.role = p.role;
          addEvidence(existing.evidence, p.mention.evidence);
        }
      }
      for (const s of extracted.since) {
        const m = memberships.get(`${forumId}\u0000${idOf(s.mention, page)}`);
        if (m && (m.since === undefined || s.year < m.since)) {
          m.since = s.year;
          m.sinceEvidence = [s.evidence];
        }
      }
      for (const g of extracted.groups) {
        if (g.counts.length === 0) continue;
        const members = [...g.implied, ...g.items].map((mention) => ({ authorityId: idOf(mention, page), mention }));
        groups.push({ forumId, group: g.group, members, listEvidence: g.listEvidence, counts: g.counts, file: page.file });
      }
      if (extracted.looseCounts.length > 0) {
        groups.push({ forumId, group: 'members', members: [], listEvidence: [], counts: extracted.looseCounts, file: page.file });
      }
    }
  }
  return {
    authorities: [...authorities.values()].sort((a, b) => compareCodeUnits(a.id, b.id)),
    forums: [...forums.values()].sort((a, b) => compareCodeUnits(a.id, b.id)),
    memberships: [...memberships.values()].sort(
      (a, b) => compareCodeUnits(a.forumId, b.forumId) || ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role) || compareCodeUnits(a.authorityId, b.authorityId),
    ),
    groups,
  };
}

function addEvidence(list: Evidence[], evidence: Evidence): void {
  if (!list.some((e) => e.sourceId === evidence.sourceId && e.start.offset === evidence.start.offset && e.end.offset === evidence.end.offset)) list.push(evidence);
}

function mergeForum(forums: Map<string, Forum>, id: string, f: ExtractedForum): void {
  let forum = forums.get(id);
  if (!forum) {
    forum = { id, name: { [f.language]: f.name }, sourceIds: [], evidence: [] };
    forums.set(id, forum);
  }
  if (!forum.name[f.language]) forum.name[f.language] = f.name;
  if (f.acronym && !forum.acronym) forum.acronym = f.acronym;
  if (!forum.sourceIds.includes(f.sourceId)) forum.sourceIds.push(f.sourceId);
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
