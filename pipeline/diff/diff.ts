/**
 * What changed between two releases of the dataset: a pure comparison of two `Dataset`s.
 *
 * Compared: forums (by id), each kept forum's participants (by authority id, with their role and
 * the set of sources that claim them), the authority facts below, count checks (by id),
 * cross-source checks (added and removed, by id) and sources (by id: sha256 and `supersededBy`).
 * Explicitly not compared: evidence, quotes and positions (they move with every edit of a page
 * and are not facts of their own), count-check and cross-source-check messages and suggestions
 * (wording), anything else of a cross-source check in both releases (its id already names the
 * forum, the rule and what disagrees), each claim's own role, date and `since` (the membership's
 * role is compared), forum names, years and commissioners, membership `since`, authority
 * `otherNames` and `namesInSources`, and source metadata other than the hash and `supersededBy`
 * (a changed page changes its hash).
 *
 * Records are keyed by their ids, which `readRelease` checks are unique; with duplicate keys
 * the last record of a table would win.
 */
import type { Authority } from '../../schemas/authority.js';
import type { CountCheck, CountGroup } from '../../schemas/count-check.js';
import type { CrossSourceCheck, CrossSourceRule } from '../../schemas/cross-source-check.js';
import type { Forum } from '../../schemas/forum.js';
import { Role } from '../../schemas/ids.js';
import type { Membership } from '../../schemas/membership.js';
import type { Source } from '../../schemas/source.js';
import type { Dataset } from '../build.js';
import { compareCodeUnits } from '../util/compare.js';

export interface ForumRef {
  id: string;
  name: Forum['name'];
}

export interface ParticipantRef {
  authorityId: string;
  /** absent when the release has no authority record for the id */
  name?: Authority['name'];
  role: Role;
}

export interface RoleChange {
  authorityId: string;
  name?: Authority['name'];
  before: Role;
  after: Role;
}

/** A participant in both releases that other sources now name (`claims[].sourceId`). */
export interface ClaimingSourcesChange {
  authorityId: string;
  name?: Authority['name'];
  /** sources that name it now and did not before */
  added: string[];
  /** sources that named it before and do not now */
  removed: string[];
}

/** A forum in both releases whose participants changed. */
export interface ForumParticipantsDiff {
  forumId: string;
  name: Forum['name'];
  added: ParticipantRef[];
  removed: ParticipantRef[];
  roleChanged: RoleChange[];
  sourcesChanged: ClaimingSourcesChange[];
}

export interface AuthorityRef {
  id: string;
  name: Authority['name'];
}

/** The authority facts the diff compares, in the order they are reported. */
export const AUTHORITY_FIELDS = ['name.sv', 'name.en', 'orgNumber', 'wikidata', 'website', 'kind', 'resolved', 'formerNames'] as const;
export type AuthorityField = (typeof AUTHORITY_FIELDS)[number];

/** A fact's value; `null` for a fact the release does not state (JSON has no `undefined`). */
export type FactValue = string | boolean | string[] | null;

export interface FactChange {
  field: AuthorityField;
  before: FactValue;
  after: FactValue;
}

export interface AuthorityDiff {
  id: string;
  /** the name in the newer release */
  name: Authority['name'];
  changes: FactChange[];
}

export interface CountSnapshot {
  status: CountCheck['status'];
  statedCount: number;
  listedCount: number;
  distinctCount: number;
}

export interface CountCheckRef extends CountSnapshot {
  id: string;
  forumId: string;
  group: CountGroup;
}

/** A count check in both releases whose status or counts changed. */
export interface CountCheckChange {
  id: string;
  forumId: string;
  group: CountGroup;
  before: CountSnapshot;
  after: CountSnapshot;
}

export interface CrossSourceCheckRef {
  id: string;
  forumId: string;
  rule: CrossSourceRule;
  group?: CountGroup;
  authorityIds: string[];
  /** oldest first, as in the check */
  sourceIds: string[];
  newerSourceId?: string;
}

export interface SourceRef {
  id: string;
  path: string;
  sha256: string;
  supersededBy?: string;
}

/** A source in both releases that became, or stopped being, an older version of another. */
export interface SupersededChange {
  id: string;
  path: string;
  /** `null` when the source was not superseded (JSON has no `undefined`) */
  before: string | null;
  after: string | null;
}

export interface SourceChange {
  id: string;
  path: string;
  before: string;
  after: string;
}

export interface ReleaseDiff {
  forums: { added: ForumRef[]; removed: ForumRef[] };
  /** forums in both releases whose participants changed, by forum id */
  participants: ForumParticipantsDiff[];
  authorities: { added: AuthorityRef[]; removed: AuthorityRef[]; changed: AuthorityDiff[] };
  countChecks: { added: CountCheckRef[]; removed: CountCheckRef[]; changed: CountCheckChange[] };
  crossSourceChecks: { added: CrossSourceCheckRef[]; removed: CrossSourceCheckRef[] };
  /** `changed`: the hash; `superseded`: `supersededBy` */
  sources: { added: SourceRef[]; removed: SourceRef[]; changed: SourceChange[]; superseded: SupersededChange[] };
}

const byId = (a: { id: string }, b: { id: string }): number => compareCodeUnits(a.id, b.id);

function keyed<T>(records: readonly T[], key: (record: T) => string): Map<string, T> {
  return new Map(records.map((r) => [key(r), r]));
}

/** Records only in `next` (added) and only in `old` (removed), and the pairs present in both. */
function match<T>(old: ReadonlyMap<string, T>, next: ReadonlyMap<string, T>): { added: T[]; removed: T[]; both: [T, T][] } {
  const added: T[] = [];
  const removed: T[] = [];
  const both: [T, T][] = [];
  for (const [key, record] of old) {
    const other = next.get(key);
    if (other === undefined) removed.push(record);
    else both.push([record, other]);
  }
  for (const [key, record] of next) if (!old.has(key)) added.push(record);
  return { added, removed, both };
}

export function diffReleases(old: Dataset, next: Dataset): ReleaseDiff {
  const oldAuthorities = keyed(old.authorities, (a) => a.id);
  const nextAuthorities = keyed(next.authorities, (a) => a.id);
  const forums = match(keyed(old.forums, (f) => f.id), keyed(next.forums, (f) => f.id));
  const authorities = match(oldAuthorities, nextAuthorities);
  const checks = match(keyed(old.countChecks, (c) => c.id), keyed(next.countChecks, (c) => c.id));
  const crossChecks = match(keyed(old.crossSourceChecks, (c) => c.id), keyed(next.crossSourceChecks, (c) => c.id));
  const sources = match(keyed(old.sources, (s) => s.id), keyed(next.sources, (s) => s.id));
  return {
    forums: { added: forums.added.map(forumRef).sort(byId), removed: forums.removed.map(forumRef).sort(byId) },
    participants: forums.both
      .map(([, forum]) => diffParticipants(forum, old, next, oldAuthorities, nextAuthorities))
      .filter((d): d is ForumParticipantsDiff => d !== undefined)
      .sort((a, b) => compareCodeUnits(a.forumId, b.forumId)),
    authorities: {
      added: authorities.added.map(authorityRef).sort(byId),
      removed: authorities.removed.map(authorityRef).sort(byId),
      changed: authorities.both
        .map(([a, b]) => ({ id: b.id, name: b.name, changes: authorityChanges(a, b) }))
        .filter((d) => d.changes.length > 0)
        .sort(byId),
    },
    countChecks: {
      added: checks.added.map(countCheckRef).sort(byId),
      removed: checks.removed.map(countCheckRef).sort(byId),
      changed: checks.both
        .map(([a, b]) => ({ id: b.id, forumId: b.forumId, group: b.group, before: snapshot(a), after: snapshot(b) }))
        .filter((c) => !sameSnapshot(c.before, c.after))
        .sort(byId),
    },
    crossSourceChecks: { added: crossChecks.added.map(crossSourceCheckRef).sort(byId), removed: crossChecks.removed.map(crossSourceCheckRef).sort(byId) },
    sources: {
      added: sources.added.map(sourceRef).sort(byId),
      removed: sources.removed.map(sourceRef).sort(byId),
      changed: sources.both
        .filter(([a, b]) => a.sha256 !== b.sha256)
        .map(([a, b]) => ({ id: b.id, path: b.path, before: a.sha256, after: b.sha256 }))
        .sort(byId),
      superseded: sources.both
        .filter(([a, b]) => a.supersededBy !== b.supersededBy)
        .map(([a, b]) => ({ id: b.id, path: b.path, before: a.supersededBy ?? null, after: b.supersededBy ?? null }))
        .sort(byId),
    },
  };
}

export function hasChanges(diff: ReleaseDiff): boolean {
  const lists = [
    diff.forums.added,
    diff.forums.removed,
    diff.participants,
    diff.authorities.added,
    diff.authorities.removed,
    diff.authorities.changed,
    diff.countChecks.added,
    diff.countChecks.removed,
    diff.countChecks.changed,
    diff.crossSourceChecks.added,
    diff.crossSourceChecks.removed,
    diff.sources.added,
    diff.sources.removed,
    diff.sources.changed,
    diff.sources.superseded,
  ];
  return lists.some((list) => list.length > 0);
}

const forumRef = (f: Forum): ForumRef => ({ id: f.id, name: f.name });
const authorityRef = (a: Authority): AuthorityRef => ({ id: a.id, name: a.name });
const sourceRef = (s: Source): SourceRef => ({ id: s.id, path: s.path, sha256: s.sha256, ...(s.supersededBy !== undefined ? { supersededBy: s.supersededBy } : {}) });
const crossSourceCheckRef = (c: CrossSourceCheck): CrossSourceCheckRef => ({
  id: c.id,
  forumId: c.forumId,
  rule: c.rule,
  ...(c.group !== undefined ? { group: c.group } : {}),
  authorityIds: [...c.authorityIds],
  sourceIds: [...c.sourceIds],
  ...(c.newerSourceId !== undefined ? { newerSourceId: c.newerSourceId } : {}),
});
const snapshot = (c: CountCheck): CountSnapshot => ({ status: c.status, statedCount: c.statedCount, listedCount: c.listedCount, distinctCount: c.distinctCount });
const countCheckRef = (c: CountCheck): CountCheckRef => ({ id: c.id, forumId: c.forumId, group: c.group, ...snapshot(c) });

function sameSnapshot(a: CountSnapshot, b: CountSnapshot): boolean {
  return a.status === b.status && a.statedCount === b.statedCount && a.listedCount === b.listedCount && a.distinctCount === b.distinctCount;
}

/** Roles in the schema's order (lead first), then authority id. */
function byRoleThenAuthority(a: ParticipantRef, b: ParticipantRef): number {
  return Role.options.indexOf(a.role) - Role.options.indexOf(b.role) || compareCodeUnits(a.authorityId, b.authorityId);
}

function participant(m: Membership, authorities: ReadonlyMap<string, Authority>): ParticipantRef {
  const name = authorities.get(m.authorityId)?.name;
  return { authorityId: m.authorityId, ...(name ? { name } : {}), role: m.role };
}

function diffParticipants(
  forum: Forum,
  old: Dataset,
  next: Dataset,
  oldAuthorities: ReadonlyMap<string, Authority>,
  nextAuthorities: ReadonlyMap<string, Authority>,
): ForumParticipantsDiff | undefined {
  const inForum = (d: Dataset) =>
    keyed(
      d.memberships.filter((m) => m.forumId === forum.id),
      (m) => m.authorityId,
    );
  const { added, removed, both } = match(inForum(old), inForum(next));
  const roleChanged: RoleChange[] = both
    .filter(([a, b]) => a.role !== b.role)
    .map(([a, b]) => {
      const name = nextAuthorities.get(b.authorityId)?.name;
      return { authorityId: b.authorityId, ...(name ? { name } : {}), before: a.role, after: b.role };
    })
    .sort((a, b) => compareCodeUnits(a.authorityId, b.authorityId));
  const sourcesChanged = both
    .map(([a, b]) => claimingSourcesChange(a, b, nextAuthorities))
    .filter((c): c is ClaimingSourcesChange => c !== undefined)
    .sort((a, b) => compareCodeUnits(a.authorityId, b.authorityId));
  if (added.length === 0 && removed.length === 0 && roleChanged.length === 0 && sourcesChanged.length === 0) return undefined;
  return {
    forumId: forum.id,
    name: forum.name,
    added: added.map((m) => participant(m, nextAuthorities)).sort(byRoleThenAuthority),
    removed: removed.map((m) => participant(m, oldAuthorities)).sort(byRoleThenAuthority),
    roleChanged,
    sourcesChanged,
  };
}

/** The sources that name a participant now and not before, and the other way round; undefined when the same. */
function claimingSourcesChange(old: Membership, next: Membership, authorities: ReadonlyMap<string, Authority>): ClaimingSourcesChange | undefined {
  const [before, after] = [new Set(old.claims.map((c) => c.sourceId)), new Set(next.claims.map((c) => c.sourceId))];
  const added = [...after].filter((id) => !before.has(id)).sort(compareCodeUnits);
  const removed = [...before].filter((id) => !after.has(id)).sort(compareCodeUnits);
  if (added.length === 0 && removed.length === 0) return undefined;
  const name = authorities.get(next.authorityId)?.name;
  return { authorityId: next.authorityId, ...(name ? { name } : {}), added, removed };
}

function fact(a: Authority, field: AuthorityField): FactValue {
  switch (field) {
    case 'name.sv':
      return a.name.sv ?? null;
    case 'name.en':
      return a.name.en ?? null;
    case 'formerNames':
      return a.formerNames;
    case 'resolved':
      return a.resolved;
    default:
      return a[field] ?? null;
  }
}

function sameFact(a: FactValue, b: FactValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function authorityChanges(old: Authority, next: Authority): FactChange[] {
  return AUTHORITY_FIELDS.map((field) => ({ field, before: fact(old, field), after: fact(next, field) })).filter((c) => !sameFact(c.before, c.after));
}

// ---- text ---------------------------------------------------------------------------------

/** `id (Svenskt namn / English name)`, or the id alone when the release has no name for it. */
function label(id: string, name: { sv?: string; en?: string } | undefined): string {
  const names = [name?.sv, name?.en].filter((n): n is string => n !== undefined);
  return names.length > 0 ? `${id} (${names.join(' / ')})` : id;
}

function factText(value: FactValue): string {
  return value === null ? '(none)' : JSON.stringify(value);
}

function countText(c: CountSnapshot): string {
  return `${c.status} (stated ${c.statedCount}, listed ${c.listedCount}, distinct ${c.distinctCount})`;
}

/** A short hash is enough to see that a page changed; the JSON output has the full one. */
const shortHash = (sha256: string): string => sha256.slice(0, 12);

/** "now also named by b; no longer named by a" */
function claimingSourcesText(c: ClaimingSourcesChange): string {
  const parts = [c.added.length > 0 && `now also named by ${c.added.join(', ')}`, c.removed.length > 0 && `no longer named by ${c.removed.join(', ')}`];
  return parts.filter((p): p is string => p !== false).join('; ');
}

/** `rule between a, b about x` (sources oldest first, as the check lists them). */
function crossSourceCheckText(c: CrossSourceCheckRef): string {
  return `${c.rule} between ${c.sourceIds.join(', ')}${c.authorityIds.length > 0 ? ` about ${c.authorityIds.join(', ')}` : ''}`;
}

const sourceText = (s: SourceRef): string => `${s.id} (${s.path}) sha256 ${shortHash(s.sha256)}${s.supersededBy !== undefined ? `, superseded by ${s.supersededBy}` : ''}`;

function supersededText(s: SupersededChange): string {
  if (s.before === null) return `now superseded by ${s.after}`;
  if (s.after === null) return `no longer superseded (was by ${s.before})`;
  return `superseded by ${s.after}, was by ${s.before}`;
}

function section(lines: string[], title: string, items: readonly string[]): void {
  if (items.length > 0) lines.push(`${title} (${items.length}):`, ...items);
}

/** The diff for people: one section per kind of change, empty sections left out, stable order. */
export function formatDiffText(diff: ReleaseDiff): string {
  if (!hasChanges(diff)) return 'No changes.\n';
  const lines: string[] = [];
  section(lines, 'Forums added', diff.forums.added.map((f) => `  + ${label(f.id, f.name)}`));
  section(lines, 'Forums removed', diff.forums.removed.map((f) => `  - ${label(f.id, f.name)}`));
  section(
    lines,
    'Forums with changed participants',
    diff.participants.map((f) =>
      [
        `  ${label(f.forumId, f.name)}`,
        ...f.added.map((p) => `    + ${p.role}: ${label(p.authorityId, p.name)}`),
        ...f.removed.map((p) => `    - ${p.role}: ${label(p.authorityId, p.name)}`),
        ...f.roleChanged.map((p) => `    ~ ${label(p.authorityId, p.name)}: ${p.before} → ${p.after}`),
        ...f.sourcesChanged.map((p) => `    ~ ${label(p.authorityId, p.name)}: ${claimingSourcesText(p)}`),
      ].join('\n'),
    ),
  );
  section(lines, 'Authorities added', diff.authorities.added.map((a) => `  + ${label(a.id, a.name)}`));
  section(lines, 'Authorities removed', diff.authorities.removed.map((a) => `  - ${label(a.id, a.name)}`));
  section(
    lines,
    'Authorities changed',
    diff.authorities.changed.map((a) =>
      [`  ~ ${label(a.id, a.name)}`, ...a.changes.map((c) => `      ${c.field}: ${factText(c.before)} → ${factText(c.after)}`)].join('\n'),
    ),
  );
  section(lines, 'Count checks added', diff.countChecks.added.map((c) => `  + ${c.id}: ${countText(c)}`));
  section(lines, 'Count checks removed', diff.countChecks.removed.map((c) => `  - ${c.id}: ${countText(c)}`));
  section(lines, 'Count checks changed', diff.countChecks.changed.map((c) => `  ~ ${c.id}: ${countText(c.before)} → ${countText(c.after)}`));
  section(lines, 'Cross-source checks added', diff.crossSourceChecks.added.map((c) => `  + ${c.id}: ${crossSourceCheckText(c)}`));
  section(lines, 'Cross-source checks removed', diff.crossSourceChecks.removed.map((c) => `  - ${c.id}: ${crossSourceCheckText(c)}`));
  section(lines, 'Sources added', diff.sources.added.map((s) => `  + ${sourceText(s)}`));
  section(lines, 'Sources removed', diff.sources.removed.map((s) => `  - ${sourceText(s)}`));
  section(lines, 'Sources changed', diff.sources.changed.map((s) => `  ~ ${s.id} (${s.path}) sha256 ${shortHash(s.before)} → ${shortHash(s.after)}`));
  section(lines, 'Source versions changed', diff.sources.superseded.map((s) => `  ~ ${s.id} (${s.path}): ${supersededText(s)}`));
  return `${lines.join('\n')}\n`;
}
