import type { z } from 'zod';
import { Authority, AuthorityKind } from '../../schemas/authority.js';
import { CountCheck, CountGroup } from '../../schemas/count-check.js';
import { CrossSourceCheck, CrossSourceRule } from '../../schemas/cross-source-check.js';
import type { Evidence } from '../../schemas/evidence.js';
import { Forum } from '../../schemas/forum.js';
import { Role } from '../../schemas/ids.js';
import { Membership } from '../../schemas/membership.js';
import { Source } from '../../schemas/source.js';
import type { Dataset } from '../build.js';

/**
 * The flat tables the dataset is published as (CSV, Data Package, landing page): one column per
 * scalar field, nested fields joined with `_` (name.sv → name_sv), lists joined with `;`.
 * JSON stays the canonical form; every column here is a view of a JSON field.
 */
export type ColumnType = 'string' | 'integer' | 'boolean' | 'year' | 'date';

export interface Column<R> {
  name: string;
  type: ColumnType;
  description: string;
  required: boolean;
  /** allowed values, when the schema fixes them */
  enum?: readonly string[];
  /** the cell: a string, number or boolean; a list is joined by `joinList`; undefined is an empty cell */
  value(record: R): string | number | boolean | readonly string[] | undefined;
  /** the column holds a list joined with `;` */
  list?: boolean;
  /** the column holds a value whose format must survive spreadsheets (org numbers, ids) */
  text?: boolean;
}

export interface Table<K extends keyof Dataset = keyof Dataset> {
  key: K;
  /** file name without extension: dist/data/<file>.csv */
  file: string;
  title: string;
  description: string;
  schema: z.ZodType;
  columns: Column<Dataset[K][number]>[];
  primaryKey: string[];
  foreignKeys: { fields: string[]; reference: { resource: string; fields: string[] } }[];
}

/** Where evidence points, compactly: `sourceId:line:column-line:column`. */
export function evidencePlace(e: Evidence): string {
  return `${e.sourceId}:${e.start.line}:${e.start.column}-${e.end.line}:${e.end.column}`;
}

/** Join a list cell: items separated by `;`; a `;` or `\` inside an item is escaped with `\`. */
export function joinList(items: readonly string[]): string {
  // most items hold neither: a quick look spares them the replace (a tenth of the CSV files' time)
  return items.map((i) => (i.includes(';') || i.includes('\\') ? i.replace(/[\\;]/gu, (c) => `\\${c}`) : i)).join(';');
}

/** The inverse of joinList. */
export function splitList(cell: string): string[] {
  if (cell === '') return [];
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i] as string;
    if (c === '\\' && i + 1 < cell.length) current += cell[++i];
    else if (c === ';') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items;
}

const places = (list: readonly Evidence[] | undefined) => (list ?? []).map(evidencePlace);
const quotes = (list: readonly Evidence[] | undefined) => (list ?? []).map((e) => e.quote);

const authorities: Table<'authorities'> = {
  key: 'authorities',
  file: 'authorities',
  title: 'Authorities and other participants',
  description: 'Every participant named in a forum: Swedish state authorities resolved against the registry, and other participants (municipal services, unresolved names).',
  schema: Authority,
  primaryKey: ['id'],
  foreignKeys: [],
  columns: [
    { name: 'id', type: 'string', required: true, text: true, description: 'Stable slug of the Swedish name (or of the stated name when unresolved)', value: (a) => a.id },
    { name: 'name_sv', type: 'string', required: false, description: 'Swedish name', value: (a) => a.name.sv },
    { name: 'name_en', type: 'string', required: false, description: 'English name', value: (a) => a.name.en },
    { name: 'otherNames', type: 'string', required: false, list: true, description: 'Other names and abbreviations the registry knows, joined with ;', value: (a) => a.otherNames },
    { name: 'formerNames', type: 'string', required: false, list: true, description: 'Names before a renaming, joined with ;', value: (a) => a.formerNames },
    { name: 'namesInSources', type: 'string', required: false, list: true, description: 'The names as the source pages write them, joined with ;', value: (a) => a.namesInSources },
    { name: 'orgNumber', type: 'string', required: false, text: true, description: 'Swedish organisation number, NNNNNN-NNNN (Luhn-valid)', value: (a) => a.orgNumber },
    { name: 'wikidata', type: 'string', required: false, text: true, description: 'Wikidata entity id (Q…)', value: (a) => a.wikidata },
    { name: 'website', type: 'string', required: false, description: 'Official website', value: (a) => a.website },
    { name: 'kind', type: 'string', required: true, enum: AuthorityKind.options, description: 'state-agency, county-board, municipal, government or other', value: (a) => a.kind },
    { name: 'resolved', type: 'boolean', required: true, description: 'false for a name the registry does not know', value: (a) => a.resolved },
  ],
};

const forums: Table<'forums'> = {
  key: 'forums',
  file: 'forums',
  title: 'Forums',
  description: 'Collaboration forums against crime, as the source pages describe them.',
  schema: Forum,
  primaryKey: ['id'],
  foreignKeys: [],
  columns: [
    { name: 'id', type: 'string', required: true, text: true, description: 'Stable slug of the forum name', value: (f) => f.id },
    { name: 'name_en', type: 'string', required: false, description: 'English name', value: (f) => f.name.en },
    { name: 'name_sv', type: 'string', required: false, description: 'Swedish name', value: (f) => f.name.sv },
    { name: 'acronym', type: 'string', required: false, description: 'Acronym, when the sources give one', value: (f) => f.acronym },
    { name: 'startYear', type: 'year', required: false, text: true, description: 'Year the forum started', value: (f) => f.startYear },
    { name: 'startDate', type: 'string', required: false, text: true, description: 'Start as YYYY or YYYY-MM', value: (f) => f.startDate },
    { name: 'endYear', type: 'year', required: false, text: true, description: 'Year the forum ended or ends', value: (f) => f.endYear },
    { name: 'commissionedBy', type: 'string', required: false, description: 'Who commissioned the collaboration, as stated', value: (f) => f.commissionedBy },
    { name: 'sourceIds', type: 'string', required: true, list: true, description: 'Ids of the source pages that describe the forum, joined with ;', value: (f) => f.sourceIds },
    { name: 'evidence', type: 'string', required: true, list: true, description: 'Where the forum is named: sourceId:line:column-line:column, joined with ;', value: (f) => places(f.evidence) },
    { name: 'evidence_quotes', type: 'string', required: true, list: true, description: 'The quoted names, joined with ;', value: (f) => quotes(f.evidence) },
    { name: 'startEvidence', type: 'string', required: false, list: true, description: 'Where the start is stated', value: (f) => places(f.startEvidence) },
    { name: 'startEvidence_quotes', type: 'string', required: false, list: true, description: 'The quoted start', value: (f) => quotes(f.startEvidence) },
    { name: 'endEvidence', type: 'string', required: false, list: true, description: 'Where the end is stated', value: (f) => places(f.endEvidence) },
    { name: 'endEvidence_quotes', type: 'string', required: false, list: true, description: 'The quoted end', value: (f) => quotes(f.endEvidence) },
    { name: 'commissionedByEvidence', type: 'string', required: false, list: true, description: 'Where the commission is stated', value: (f) => places(f.commissionedByEvidence) },
  ],
};

const memberships: Table<'memberships'> = {
  key: 'memberships',
  file: 'memberships',
  title: 'Memberships',
  description: 'Who takes part in which forum, in what role and since when, with the evidence for it.',
  schema: Membership,
  primaryKey: ['forumId', 'authorityId'],
  foreignKeys: [
    { fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } },
    { fields: ['authorityId'], reference: { resource: 'authorities', fields: ['id'] } },
  ],
  columns: [
    { name: 'forumId', type: 'string', required: true, text: true, description: 'The forum (forums.id)', value: (m) => m.forumId },
    { name: 'authorityId', type: 'string', required: true, text: true, description: 'The participant (authorities.id)', value: (m) => m.authorityId },
    { name: 'role', type: 'string', required: true, enum: Role.options, description: 'lead, coordinator, initiator, member, network-member or partner', value: (m) => m.role },
    { name: 'since', type: 'year', required: false, text: true, description: 'Year the participant joined, when stated', value: (m) => m.since },
    { name: 'sinceEvidence', type: 'string', required: false, list: true, description: 'Where the joining year is stated', value: (m) => places(m.sinceEvidence) },
    { name: 'evidence', type: 'string', required: true, list: true, description: 'Every place a source names this participant in this forum, joined with ;', value: (m) => places(m.evidence) },
    { name: 'evidence_quotes', type: 'string', required: true, list: true, description: 'The quoted names, joined with ;', value: (m) => quotes(m.evidence) },
    {
      name: 'claims',
      type: 'string',
      required: true,
      list: true,
      description: "Each source's claim as sourceId|role|since|date (empty parts when unknown), oldest first, joined with ;",
      value: (m) => m.claims.map((c) => [c.sourceId, c.role, c.since ?? '', c.date ?? ''].join('|')),
    },
  ],
};

const countChecks: Table<'countChecks'> = {
  key: 'countChecks',
  file: 'count-checks',
  title: 'Count checks',
  description: 'Each stated count ("fifteen authorities") compared with the participants listed for the same group.',
  schema: CountCheck,
  primaryKey: ['id'],
  foreignKeys: [
    { fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } },
    { fields: ['sourceId'], reference: { resource: 'sources', fields: ['id'] } },
  ],
  columns: [
    { name: 'id', type: 'string', required: true, text: true, description: 'forumId--group--statedCount (--2, --3 … when several sources state the same)', value: (c) => c.id },
    { name: 'forumId', type: 'string', required: true, text: true, description: 'The forum (forums.id)', value: (c) => c.forumId },
    { name: 'sourceId', type: 'string', required: true, text: true, description: 'The source page that states the count (sources.id)', value: (c) => c.sourceId },
    { name: 'group', type: 'string', required: true, enum: CountGroup.options, description: 'members or network-members', value: (c) => c.group },
    { name: 'statedCount', type: 'integer', required: true, description: 'The number the page states', value: (c) => c.statedCount },
    { name: 'statedText', type: 'string', required: true, description: 'The words that state it', value: (c) => c.statedText },
    { name: 'listedCount', type: 'integer', required: true, description: 'Participants listed, duplicates included', value: (c) => c.listedCount },
    { name: 'distinctCount', type: 'integer', required: true, description: 'Distinct participants listed', value: (c) => c.distinctCount },
    { name: 'duplicates', type: 'string', required: false, list: true, description: 'Authority ids listed more than once, joined with ;', value: (c) => c.duplicates },
    { name: 'status', type: 'string', required: true, enum: ['consistent', 'mismatch', 'unverifiable'], description: 'consistent, mismatch or unverifiable', value: (c) => c.status },
    { name: 'message', type: 'string', required: true, description: 'The outcome in words', value: (c) => c.message },
    { name: 'evidence', type: 'string', required: true, list: true, description: 'Where the count is stated', value: (c) => places(c.evidence) },
    { name: 'evidence_quotes', type: 'string', required: true, list: true, description: 'The quoted count', value: (c) => quotes(c.evidence) },
    { name: 'listEvidence', type: 'string', required: false, list: true, description: 'Where the group is listed', value: (c) => places(c.listEvidence) },
  ],
};

const crossSourceChecks: Table<'crossSourceChecks'> = {
  key: 'crossSourceChecks',
  file: 'cross-source-checks',
  title: 'Cross-source checks',
  description: 'Where two source pages about one forum disagree: a participant one lists and the other does not, different stated counts, a failed count that another page explains.',
  schema: CrossSourceCheck,
  primaryKey: ['id'],
  foreignKeys: [{ fields: ['forumId'], reference: { resource: 'forums', fields: ['id'] } }],
  columns: [
    { name: 'id', type: 'string', required: true, text: true, description: 'forumId--rule--…', value: (c) => c.id },
    { name: 'forumId', type: 'string', required: true, text: true, description: 'The forum (forums.id)', value: (c) => c.forumId },
    { name: 'rule', type: 'string', required: true, enum: CrossSourceRule.options, description: 'participant-missing-in-source, count-disagreement or count-explained-by-other-source', value: (c) => c.rule },
    { name: 'group', type: 'string', required: false, enum: CountGroup.options, description: 'members or network-members, for count rules', value: (c) => c.group },
    { name: 'authorityIds', type: 'string', required: false, list: true, description: 'The participants concerned, joined with ;', value: (c) => c.authorityIds },
    { name: 'sourceIds', type: 'string', required: true, list: true, description: 'The sources that disagree, oldest first, joined with ;', value: (c) => c.sourceIds },
    { name: 'newerSourceId', type: 'string', required: false, description: 'The newest of them, when the sources are dated', value: (c) => c.newerSourceId },
    { name: 'message', type: 'string', required: true, description: 'The finding in words', value: (c) => c.message },
    { name: 'suggestion', type: 'string', required: false, description: 'What would make the sources agree', value: (c) => c.suggestion },
    { name: 'evidence', type: 'string', required: true, list: true, description: 'The places in the sources', value: (c) => places(c.evidence) },
    { name: 'evidence_quotes', type: 'string', required: true, list: true, description: 'The quotes at those places', value: (c) => quotes(c.evidence) },
  ],
};

const sources: Table<'sources'> = {
  key: 'sources',
  file: 'sources',
  title: 'Source pages',
  description: 'The saved pages the dataset is built from, with their metadata and checksums.',
  schema: Source,
  primaryKey: ['id'],
  foreignKeys: [],
  columns: [
    { name: 'id', type: 'string', required: true, text: true, description: 'Page path under sources/pages without extension', value: (s) => s.id },
    { name: 'path', type: 'string', required: true, description: 'Path of the saved page in the sources folder', value: (s) => s.path },
    { name: 'format', type: 'string', required: true, enum: ['txt', 'md', 'html'], description: 'txt, md or html', value: (s) => s.format },
    { name: 'url', type: 'string', required: false, description: 'Address the page was saved from', value: (s) => s.url },
    { name: 'title', type: 'string', required: false, description: 'Page title', value: (s) => s.title },
    { name: 'language', type: 'string', required: true, enum: ['en', 'sv'], description: 'en or sv', value: (s) => s.language },
    { name: 'languageFrom', type: 'string', required: true, enum: ['metadata', 'detected'], description: 'Whether the language was given or detected', value: (s) => s.languageFrom },
    { name: 'publisher', type: 'string', required: false, description: 'Who published the page', value: (s) => s.publisher },
    { name: 'retrieved', type: 'date', required: false, description: 'Date the page was saved', value: (s) => s.retrieved },
    { name: 'lastUpdated', type: 'date', required: false, description: 'Date the page says it was last updated', value: (s) => s.lastUpdated },
    { name: 'sha256', type: 'string', required: true, text: true, description: 'SHA-256 of the saved file', value: (s) => s.sha256 },
    { name: 'supersededBy', type: 'string', required: false, text: true, description: 'A newer saved version of the same page (sources.id), which makes the claims now', value: (s) => s.supersededBy },
  ],
};

export const TABLES = [authorities, forums, memberships, countChecks, crossSourceChecks, sources] as const;

/** The cell as text: lists joined, booleans as true/false, nothing as ''. */
export function cellText<R>(column: Column<R>, record: R): string {
  const v = column.value(record);
  if (v === undefined) return '';
  if (Array.isArray(v)) return joinList(v as readonly string[]);
  return String(v);
}
