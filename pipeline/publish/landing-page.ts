import { createHash } from 'node:crypto';
import type { Authority } from '../../schemas/authority.js';
import type { CountCheck } from '../../schemas/count-check.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Membership } from '../../schemas/membership.js';
import { Role } from '../../schemas/ids.js';
import type { Source } from '../../schemas/source.js';
import type { Dataset } from '../build.js';
import { compareCodeUnits } from '../util/compare.js';
import { type MadeFile, newestSourceDate, textParts, type PublishContext, type Writer } from './context.js';
import { httpIri, ROLE_LABELS } from './jsonld.js';
import { TABLES } from './tables.js';

/**
 * dist/index.html: one self-contained page (inline CSS, a few lines of inline JS to sort the
 * matrix, no request to anywhere) that shows the forums, who takes part in which, the count
 * checks with their evidence, where the source pages disagree (cross-source checks, with the
 * places in each page), which saved pages are older versions, and links to every other
 * published file.
 *
 * Every value from the sources or the config goes through `html`, which escapes it; a URL
 * becomes a link only when it is http(s). A Content-Security-Policy that allows nothing but
 * the page's own style and script (by hash) backs this up.
 */
export const landingPageWriter: Writer = (ctx) => {
  // made now, so that data the page cannot show stops the writer at once; the long lists are rendered while the page is written
  const page = landingPage(ctx);
  return new Map([['index.html', textParts(() => htmlParts(page))]]);
};

// ---------------------------------------------------------------------------------------------
// Escaping

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The characters `escapeHtml` replaces: ASCII, so the plain regexp (no `u`) matches the same. */
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

/** Text for element content or a quoted attribute value: & < > " ' become entities. */
export function escapeHtml(text: string): string {
  // Most text holds none of them: a quick look spares it the replace, the page's costliest step.
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(HTML_SPECIALS, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Markup that is safe to insert as is; only `html` and `each` make it, so nothing unescaped
 * slips in. Mostly it is one text; lists made with `each` are rendered item by item only when
 * the page is written (at 10,000 pages the page is over 50 MB, which is never one string).
 * Segments are text, list, text, …: they start and end with text.
 */
class Html {
  constructor(readonly segments: readonly (string | Later)[]) {}
}
/** A list's markup, each item's made when it is read. */
class Later {
  constructor(readonly items: () => Iterable<Html>) {}
}
/** `false` and `undefined` render as nothing, for `condition && html…` parts. */
type Part = Html | string | number | false | undefined | readonly Part[];

/** Markup for every item, made only as the page is written: for lists that grow with the dataset. */
function each<T>(items: readonly T[], render: (item: T, index: number) => Html): Html {
  const later = new Later(function* () {
    for (const [index, item] of items.entries()) yield render(item, index);
  });
  return new Html(['', later, '']);
}

/** The part as text, or undefined when it holds a list made later. */
function partText(part: Part): string | undefined {
  if (part === undefined || part === false) return '';
  if (typeof part === 'string' || typeof part === 'number') return escapeHtml(String(part));
  if (part instanceof Html) return part.segments.length === 1 ? (part.segments[0] as string) : undefined;
  let text = '';
  for (const item of part) {
    const itemText = partText(item);
    if (itemText === undefined) return undefined;
    text += itemText;
  }
  return text;
}

/** Adds a part that holds lists made later: its text to `text`, each list as a segment of its own. */
function addSegments(part: Part, segments: (string | Later)[], text: string): string {
  if (Array.isArray(part)) {
    for (const item of part as readonly Part[]) {
      const itemText = partText(item);
      text = itemText === undefined ? addSegments(item, segments, text) : text + itemText;
    }
    return text;
  }
  // only markup holds a list made later
  for (const segment of (part as Html).segments) {
    if (typeof segment === 'string') text += segment;
    else {
      segments.push(text, segment);
      text = '';
    }
  }
  return text;
}

/** A template whose every interpolation is escaped unless it is already `Html`. */
function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let text = strings[0] ?? '';
  let segments: (string | Later)[] | undefined;
  parts.forEach((part, i) => {
    const flat = partText(part);
    if (flat !== undefined) text += flat;
    else text = addSegments(part, (segments ??= []), text);
    text += strings[i + 1] ?? '';
  });
  if (segments === undefined) return new Html([text]);
  segments.push(text);
  return new Html(segments);
}

/** The markup's text in parts, each list item's made as it is reached. */
function* htmlParts(markup: Html): Generator<string> {
  for (const segment of markup.segments) {
    if (typeof segment === 'string') yield segment;
    else for (const item of segment.items()) yield* htmlParts(item);
  }
}

/** A link when the URL is http(s), else the text (a `javascript:` URL must never be clickable). */
function link(url: string | undefined, label: Part, attrs: { lang?: 'sv' | undefined } = {}): Html {
  const href = httpIri(url);
  const lang = attrs.lang ? html` lang="${attrs.lang}"` : undefined;
  return href ? html`<a href="${href}" rel="noreferrer"${lang}>${label}</a>` : html`<span${lang}>${label}</span>`;
}

/** Swedish text in an English page is marked so screen readers and hyphenation use Swedish. */
const sv = (text: string) => html`<span lang="sv">${text}</span>`;
const langAttr = (lang: string | undefined) => (lang && lang !== 'en' ? html` lang="${lang}"` : undefined);

// ---------------------------------------------------------------------------------------------
// Order and lookups

const SWEDISH_LAST: Readonly<Record<string, string>> = { å: '{', ä: '|', æ: '|', ö: '}', ø: '}' };

/**
 * A sort key for names in Swedish alphabetical order without a locale (so every machine agrees):
 * case folded, å ä ö after z (as the characters after z in ASCII), other accents dropped.
 */
export function nameSortKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åäæöø]/gu, (c) => SWEDISH_LAST[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** The name the page sorts and shows first: the Swedish one where it exists. */
export const authorityName = (a: Authority): string => a.name.sv ?? a.name.en ?? a.id; // the schema requires one of sv/en; the id only guards hand-made data

/** Authorities in name order; `sortKey` may be a memo of `nameSortKey`, which costs more than the comparison itself. */
export function compareAuthorityNames(a: Authority, b: Authority, sortKey: (name: string) => string = nameSortKey): number {
  const [x, y] = [authorityName(a), authorityName(b)];
  return compareCodeUnits(sortKey(x), sortKey(y)) || compareCodeUnits(x, y) || compareCodeUnits(a.id, b.id);
}

/** `nameSortKey` made once per name: a sort compares each name many times. */
export function memoSortKey(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = nameSortKey(name)));
    return key;
  };
}

/** A membership that points at no forum or authority, or a pair listed twice, is a pipeline bug. */
export class LandingPageDataError extends Error {
  override name = 'LandingPageDataError';
}

interface View {
  dataset: Dataset;
  authorities: ReadonlyMap<string, Authority>;
  sources: ReadonlyMap<string, Source>;
  forumNames: ReadonlyMap<string, string>;
  /** authority id → forum id → membership */
  cells: ReadonlyMap<string, ReadonlyMap<string, Membership>>;
  /** forum id → its place in the dataset's forums */
  forumRank: ReadonlyMap<string, number>;
  /** forum id → its memberships, in the dataset's order */
  members: ReadonlyMap<string, readonly Membership[]>;
  /** authorities in name order: the matrix rows without JS */
  byName: readonly Authority[];
  /** nameSortKey, made once per name */
  sortKey: (name: string) => string;
}

function viewOf(dataset: Dataset): View {
  const sortKey = memoSortKey();
  const authorities = new Map(dataset.authorities.map((a) => [a.id, a]));
  const cells = new Map<string, Map<string, Membership>>(dataset.authorities.map((a) => [a.id, new Map()]));
  const members = new Map<string, Membership[]>(dataset.forums.map((f) => [f.id, []]));
  for (const m of dataset.memberships) {
    const row = cells.get(m.authorityId);
    const forumMembers = members.get(m.forumId);
    if (!row || !forumMembers) throw new LandingPageDataError(`membership ${m.forumId}/${m.authorityId} names an unknown ${row ? 'forum' : 'authority'}: the matrix cannot show it`);
    if (row.has(m.forumId)) throw new LandingPageDataError(`membership ${m.forumId}/${m.authorityId} is listed twice`);
    row.set(m.forumId, m);
    forumMembers.push(m);
  }
  return {
    dataset,
    authorities,
    sources: new Map(dataset.sources.map((s) => [s.id, s])),
    forumNames: new Map(dataset.forums.map((f) => [f.id, forumName(f)])),
    cells,
    members,
    forumRank: new Map(dataset.forums.map((f, i) => [f.id, i])),
    byName: [...dataset.authorities].sort((a, b) => compareAuthorityNames(a, b, sortKey)),
    sortKey,
  };
}

const forumName = (f: Forum): string => f.name.en ?? f.name.sv ?? f.id; // the schema requires one of en/sv
const roleLabel = (role: string) => ROLE_LABELS[role as Membership['role']] as (typeof ROLE_LABELS)[Membership['role']] | undefined; // data may hold a role this page does not know

/** Where evidence sits, as a linter writes it: `pages/site/page.en.txt:12:5`. */
function place(view: View, e: Evidence): string {
  return `${view.sources.get(e.sourceId)?.path ?? e.sourceId}:${e.start.line}:${e.start.column}`;
}

// ---------------------------------------------------------------------------------------------
// The page

/** The whole page as one string (for tests and small datasets; the writer writes it in parts). */
export function renderLandingPage(ctx: PublishContext): string {
  return [...htmlParts(landingPage(ctx))].join('');
}

function landingPage(ctx: PublishContext): Html {
  const view = viewOf(ctx.dataset);
  const body = html`<div class="page">
${header(ctx)}
<nav aria-label="Sections"><ul><li><a href="#forums">Forums</a></li><li><a href="#matrix">Membership matrix</a></li><li><a href="#checks">Count checks</a></li><li><a href="#disagreements">Where sources disagree</a></li><li><a href="#sources">Sources</a></li><li><a href="#downloads">Downloads</a></li></ul></nav>
<main>
${forumsSection(view)}
${matrixSection(view)}
${checksSection(view)}
${disagreementsSection(view)}
${sourcesSection(view)}
${downloadsSection(ctx.files)}
</main>
${footer(ctx)}
</div>`;
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SORT_SCRIPT)}'; base-uri 'none'; form-action 'none'`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="description" content="${ctx.config.description.en}">
<meta name="generator" content="samverkan ${ctx.version}">
<title>${ctx.config.title.en}</title>
<style>${new Html([STYLE])}</style>
</head>
<body>
${body}
<script>${new Html([SORT_SCRIPT])}</script>
</body>
</html>
`;
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

function header(ctx: PublishContext): Html {
  const { config, dataset, version } = ctx;
  const newest = newestSourceDate(dataset);
  const statuses = countStatuses(dataset.countChecks);
  return html`<header class="masthead">
<p class="kicker">Open dataset · version ${version}</p>
<h1>${config.title.en}</h1>
<p class="subtitle" lang="sv">${config.title.sv}</p>
<p class="lead">${config.description.en}</p>
<p class="lead-sv" lang="sv">${config.description.sv}</p>
<dl class="facts">
<dt>Version</dt><dd data-version>${version}</dd>
<dt>Newest source date</dt><dd data-newest-source-date>${newest ?? html`<span class="muted">no source page states a date</span>`}</dd>
<dt>Licence</dt><dd>${link(config.license.path, config.license.title)} (${config.license.name})</dd>
<dt>Publisher</dt><dd>${link(config.publisher.url, config.publisher.name)}</dd>
<dt>Contents</dt><dd>${plural(dataset.forums.length, 'forum')}, ${plural(dataset.authorities.length, 'participant')}, ${plural(dataset.memberships.length, 'membership')}, ${plural(dataset.countChecks.length, 'count check')} (${statuses}), ${dataset.crossSourceChecks.length} ${dataset.crossSourceChecks.length === 1 ? 'disagreement' : 'disagreements'} between sources, ${plural(dataset.sources.length, 'source page')}</dd>
</dl>
</header>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const STATUSES = ['consistent', 'mismatch', 'unverifiable'] as const;

function countStatuses(checks: readonly CountCheck[]): string {
  return STATUSES.map((s) => `${checks.filter((c) => c.status === s).length} ${s}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Forums

function forumsSection(view: View): Html {
  const forums = view.dataset.forums;
  return html`<section id="forums" aria-labelledby="forums-title">
<h2 id="forums-title">Forums</h2>
${forums.length === 0 ? html`<p class="muted">The sources name no forum.</p>` : html`<div class="forums">
${each(forums, (f) => forumArticle(view, f))}
</div>`}
</section>`;
}

function period(f: Forum): string | undefined {
  const start = f.startDate ?? f.startYear;
  // An en dash between years; spaced when the start has a month, so 2019-12 – 2021 reads as a range.
  if (start !== undefined && f.endYear !== undefined) return `${start}${String(start).includes('-') ? ' – ' : '–'}${f.endYear}`;
  if (start !== undefined) return `from ${start}`;
  if (f.endYear !== undefined) return `until ${f.endYear}`;
  return undefined;
}

function forumArticle(view: View, f: Forum): Html {
  // Which sources name a participant only tells something when more than one page describes the forum.
  const compared = f.sourceIds.length > 1 ? f.sourceIds : undefined;
  const members = [...(view.members.get(f.id) ?? [])].sort((a, b) => roleRank(a.role) - roleRank(b.role) || compareMembers(view, a, b));
  const commissionSource = f.commissionedByEvidence?.[0]?.sourceId;
  const commissionLang = commissionSource === undefined ? undefined : view.sources.get(commissionSource)?.language;
  const title = f.name.en !== undefined ? html`${f.name.en}${f.name.sv !== undefined && html` <span class="alt">${sv(f.name.sv)}</span>`}` : sv(forumName(f));
  return html`
<article class="forum" id="forum-${f.id}" data-forum="${f.id}">
<h3>${title}${f.acronym !== undefined && html` <abbr class="acronym">${f.acronym}</abbr>`}</h3>
<dl class="facts">
<dt>Period</dt><dd>${period(f) ?? html`<span class="muted">not stated</span>`}</dd>
<dt>Commissioned by</dt><dd${langAttr(commissionLang)}>${f.commissionedBy ?? html`<span class="muted">not stated</span>`}</dd>
<dt>${f.sourceIds.length === 1 ? 'Source' : 'Sources'}</dt><dd><ul class="plain">${f.sourceIds.map((id) => html`<li>${sourceLink(view, id)}</li>`)}</ul></dd>
</dl>
<div class="scroll"><table class="participants">
<caption>${plural(members.length, 'participant')}</caption>
<thead><tr><th scope="col">Participant</th><th scope="col">Role</th><th scope="col">Joined</th>${compared && html`<th scope="col">Named by</th>`}</tr></thead>
<tbody>
${members.map((m) => participantRow(view, m, compared))}
</tbody>
</table></div>
</article>`;
}

/** Leads first, as the roles are listed in the schema; then by name. */
const roleRank = (role: string) => (Role.options as readonly string[]).indexOf(role);

function compareMembers(view: View, a: Membership, b: Membership): number {
  const [x, y] = [view.authorities.get(a.authorityId), view.authorities.get(b.authorityId)];
  return x && y ? compareAuthorityNames(x, y, view.sortKey) : compareCodeUnits(a.authorityId, b.authorityId);
}

function participantRow(view: View, m: Membership, compared: readonly string[] | undefined): Html {
  const a = view.authorities.get(m.authorityId);
  const claims = compared && html` data-claims="${m.claims.map((c) => `${c.sourceId}:${c.role}`).join(' ')}"`;
  return html`<tr data-authority="${m.authorityId}" data-role="${m.role}"${claims}><td>${a ? authorityLabel(a) : m.authorityId}</td><td>${roleBadge(m.role)}${differingRoles(m)}</td><td>${m.since ?? ''}</td>${compared && namedByCell(view, m, compared)}</tr>
`;
}

/** "2 of 3 sources", with each source, its date and its role in the tooltip. */
function namedByCell(view: View, m: Membership, compared: readonly string[]): Html {
  const claiming = [...new Set(m.claims.map((c) => c.sourceId))];
  const all = claiming.length >= compared.length && compared.every((id) => claiming.includes(id));
  const text = all ? (compared.length === 2 ? 'both sources' : `all ${compared.length} sources`) : `${claiming.length} of ${plural(compared.length, 'source')}`;
  const lines = m.claims.map((c) => {
    const label = roleLabel(c.role)?.en ?? c.role;
    return `${sourceName(view, c.sourceId)}${c.date !== undefined ? ` (${c.date})` : ''}: ${label}${c.since !== undefined ? ` since ${c.since}` : ''}`;
  });
  return html`<td class="named-by${all ? '' : ' partial'}" data-sources="${claiming.join(' ')}" title="${['Named by', ...lines].join('\n')}">${text}</td>`;
}

/** The claims whose role is not the one the dataset settled on, one short line each. */
function differingRoles(m: Membership): Html | undefined {
  const others = m.claims.filter((c) => c.role !== m.role);
  if (others.length === 0) return undefined;
  return html`${others.map((c) => html`<small class="differs" data-source="${c.sourceId}" data-role="${c.role}">${c.sourceId} says ${roleLabel(c.role)?.en ?? c.role}</small>`)}`;
}

/** A source as a tooltip names it: its title and id, or the id when it has no title. */
function sourceName(view: View, id: string): string {
  const title = view.sources.get(id)?.title;
  return title !== undefined ? `${title} [${id}]` : id;
}

/** The Swedish name first (marked as Swedish), the English one beside it. */
function authorityLabel(a: Authority): Html {
  if (a.name.sv === undefined) return html`<span class="name">${authorityName(a)}</span>`;
  return html`<span class="name" lang="sv">${a.name.sv}</span>${a.name.en !== undefined && html` <span class="alt">${a.name.en}</span>`}`;
}

function roleBadge(role: string): Html {
  const label = roleLabel(role);
  return html`<span class="role role-${role}"${label && html` title="${label.sv}"`}>${label?.en ?? role}</span>`;
}

function sourceLink(view: View, id: string, { withPublisher = true } = {}): Html {
  const s = view.sources.get(id);
  if (!s) return html`<code>${id}</code>`;
  const label = s.title ?? s.path;
  const nonHttpUrl = s.url !== undefined && httpIri(s.url) === undefined ? html` <code class="url">${s.url}</code>` : undefined;
  return html`${link(s.url, label, { lang: s.language === 'sv' ? 'sv' : undefined })}${nonHttpUrl}${withPublisher && s.publisher !== undefined && html` <span class="muted">(${s.publisher})</span>`}`;
}

// ---------------------------------------------------------------------------------------------
// Membership matrix

/**
 * Up to this many forums the matrix has a column per forum. Beyond it a row of mostly empty
 * cells helps nobody (and the page would grow with participants × forums): each participant's
 * row lists its forums instead, so the page grows with the memberships alone.
 */
export const MATRIX_MAX_FORUMS = 40;

const SORT_CONTROLS = `<div class="sort" id="matrix-sort" hidden>Sort by <button type="button" data-sort="name" aria-pressed="true">name</button> <button type="button" data-sort="forums" aria-pressed="false">number of forums</button></div>`;

function matrixSection(view: View): Html {
  const forums = view.dataset.forums;
  if (forums.length > MATRIX_MAX_FORUMS) return participationSection(view);
  return html`<section id="matrix" aria-labelledby="matrix-title">
<h2 id="matrix-title">Membership matrix</h2>
<p>Each row is a participant, each column a forum; a cell shows the role the sources give it there (an empty cell: not named).</p>
${new Html([SORT_CONTROLS])}
<div class="scroll"><table class="matrix" data-sorted-by="name">
<thead><tr><th scope="col" class="authority" data-sort-key="name" aria-sort="ascending">Participant</th>${forums.map(
    (f) => html`<th scope="col" class="forum" data-forum="${f.id}" title="${forumName(f)}"><a href="#forum-${encodeURIComponent(f.id)}"><span>${f.acronym ?? forumName(f)}</span></a></th>`,
  )}<th scope="col" class="count" data-sort-key="forums">Forums</th></tr></thead>
<tbody id="matrix-rows">
${each(view.byName, (a, rank) => matrixRow(view, a, rank))}
</tbody>
</table></div>
</section>`;
}

function matrixRow(view: View, a: Authority, nameRank: number): Html {
  const row = view.cells.get(a.id) ?? new Map<string, Membership>();
  const cells = view.dataset.forums.map((f) => {
    const m = row.get(f.id);
    if (!m) return html`<td class="cell" data-forum="${f.id}"></td>`;
    return html`<td class="cell" data-forum="${f.id}" data-role="${m.role}"${m.since !== undefined && html` data-since="${m.since}"`}>${roleBadge(m.role)}${m.since !== undefined && html`<small>since ${m.since}</small>`}</td>`;
  });
  return html`<tr data-authority="${a.id}" data-name-rank="${nameRank}" data-forum-count="${row.size}"><th scope="row" class="authority">${authorityLabel(a)}</th>${cells}<td class="count">${row.size}</td></tr>
`;
}

/** The matrix for many forums: one row per participant naming its forums and roles there. */
function participationSection(view: View): Html {
  const forums = view.dataset.forums;
  return html`<section id="matrix" aria-labelledby="matrix-title">
<h2 id="matrix-title">Membership matrix</h2>
<p>${plural(forums.length, 'forum')} are too many for a column each: each row is a participant and lists the forums it takes part in, with the role the sources give it there.</p>
${new Html([SORT_CONTROLS])}
<div class="scroll"><table class="matrix participation" data-sorted-by="name">
<thead><tr><th scope="col" class="authority" data-sort-key="name" aria-sort="ascending">Participant</th><th scope="col">Forums and roles</th><th scope="col" class="count" data-sort-key="forums">Forums</th></tr></thead>
<tbody id="matrix-rows">
${each(view.byName, (a, rank) => participationRow(view, a, rank))}
</tbody>
</table></div>
</section>`;
}

function participationRow(view: View, a: Authority, nameRank: number): Html {
  const row = view.cells.get(a.id) ?? new Map<string, Membership>();
  // in the dataset's forum order, as the matrix columns are
  const entries = [...row.values()].sort((x, y) => (view.forumRank.get(x.forumId) ?? 0) - (view.forumRank.get(y.forumId) ?? 0));
  return html`<tr data-authority="${a.id}" data-name-rank="${nameRank}" data-forum-count="${row.size}"><th scope="row" class="authority">${authorityLabel(a)}</th><td><ul class="plain memberships">${entries.map(
    (m) => html`<li data-forum="${m.forumId}" data-role="${m.role}"${m.since !== undefined && html` data-since="${m.since}"`}><a href="#forum-${encodeURIComponent(m.forumId)}">${view.forumNames.get(m.forumId) ?? m.forumId}</a> ${roleBadge(m.role)}${m.since !== undefined && html` <small>since ${m.since}</small>`}</li>`,
  )}</ul></td><td class="count">${row.size}</td></tr>
`;
}

// ---------------------------------------------------------------------------------------------
// Count checks

const STATUS_MARK: Readonly<Record<string, string>> = { consistent: '✓', mismatch: '✗', unverifiable: '?' };

function checksSection(view: View): Html {
  const checks = view.dataset.countChecks;
  // rendered as written, like the other long lists: the checks shown, with their quotes, are megabytes of text
  return html`<section id="checks" aria-labelledby="checks-title">
<h2 id="checks-title">Count checks</h2>
<p>Where a page states how many take part (“fifteen authorities”), the statement is compared with the participants the page lists: <strong>consistent</strong> when the distinct participants equal the stated number and none is listed twice, <strong>mismatch</strong> when they differ, <strong>unverifiable</strong> when the page does not list the group. ${countStatuses(checks)}.</p>
${checks.length === 0 ? html`<p class="muted">No page states a count.</p>` : each(checks.slice(0, FINDINGS_SHOWN), (c) => checkArticle(view, c))}
${moreIn(checks.length, 'count checks', 'count-checks')}
</section>`;
}

/**
 * A page shows at most this many count checks and as many disagreements (the first, in the
 * data's order), each with its quotes; the rest are in the data files. Archives of thousands of pages have tens of thousands of
 * findings, which would make a page of hundreds of megabytes no browser opens.
 */
export const FINDINGS_SHOWN = 300;

/** What the page leaves out, and where to find it all. */
function moreIn(total: number, what: string, file: string): Html | undefined {
  if (total <= FINDINGS_SHOWN) return undefined;
  return html`<p class="more" data-more="${total - FINDINGS_SHOWN}">The first ${FINDINGS_SHOWN} of ${total} ${what} are shown here; all of them, with their evidence, are in <a href="${downloadHref(`data/${file}.json`)}">data/${file}.json</a> and <a href="${downloadHref(`data/${file}.csv`)}">data/${file}.csv</a>.</p>`;
}

function checkArticle(view: View, c: CountCheck): Html {
  const duplicates = c.duplicates.map((id) => {
    const a = view.authorities.get(id);
    return a ? authorityName(a) : id;
  });
  return html`
<article class="check status-${c.status}" id="check-${c.id}" data-check="${c.id}" data-status="${c.status}">
<h3><span class="status">${STATUS_MARK[c.status] ?? '•'} ${c.status}</span> ${view.forumNames.get(c.forumId) ?? c.forumId} <span class="muted">· ${c.group}</span></h3>
<p class="message">${c.message}</p>
<dl class="facts">
<dt>Stated</dt><dd><strong>${c.statedCount}</strong> — ${quoteText(view, c.statedText, c.evidence[0])}</dd>
<dt>Listed</dt><dd>${c.listedCount} (${c.distinctCount} distinct)</dd>
${duplicates.length > 0 && html`<dt>Listed twice</dt><dd>${duplicates.join(', ')}</dd>`}
<dt>Evidence</dt><dd><ul class="plain evidence">${c.evidence.map((e) => evidenceItem(view, e))}</ul></dd>
</dl>
${c.listEvidence.length > 0 && html`<details><summary>Where the group is listed (${plural(c.listEvidence.length, 'place')})</summary><ul class="plain evidence">${c.listEvidence.map((e) => evidenceItem(view, e))}</ul></details>`}
</article>`;
}

const quoteText = (view: View, text: string, e: Evidence | undefined) => html`<q${langAttr(e && view.sources.get(e.sourceId)?.language)}>${text}</q>`;

function evidenceItem(view: View, e: Evidence): Html {
  return html`<li><q${langAttr(view.sources.get(e.sourceId)?.language)}>${e.quote}</q> <code class="place">${place(view, e)}</code></li>`;
}

// ---------------------------------------------------------------------------------------------
// Where sources disagree

function disagreementsSection(view: View): Html {
  const checks = view.dataset.crossSourceChecks;
  return html`<section id="disagreements" aria-labelledby="disagreements-title">
<h2 id="disagreements-title">Where sources disagree</h2>
<p>Where two or more pages describe the same forum, they are compared: a participant one page names and another leaves out, counts that differ, or a count one page gets wrong that another page explains. Each disagreement lists the pages oldest first, marks the newer one, and quotes the places in each page.</p>
${checks.length === 0 ? html`<p class="muted" data-no-disagreements>No disagreements between sources.</p>` : each(checks.slice(0, FINDINGS_SHOWN), (c) => disagreementArticle(view, c))}
${moreIn(checks.length, 'disagreements', 'cross-source-checks')}
</section>`;
}

/**
 * A disagreement names at most this many participants and sources on the page; the rest are
 * counted, and all of them are in data/cross-source-checks.json and .csv. A forum that many
 * pages describe has findings that each name most of its participants and pages: listed in
 * full, they grew with the square of its pages (5 MB of a 1,000-page release's 11 MB page).
 */
export const LIST_SHOWN = 12;

/** The first `LIST_SHOWN` of `ids` and, when it is further down, the one that must show too. */
export function shownOf(ids: readonly string[], keep?: string): string[] {
  if (ids.length <= LIST_SHOWN) return [...ids];
  const first = ids.slice(0, LIST_SHOWN);
  if (keep === undefined || first.includes(keep) || !ids.includes(keep)) return first;
  return [...first.slice(0, LIST_SHOWN - 1), keep];
}

/** How many of a list the page leaves out, and where they all are. */
function moreItems(left: number, what: string): Html | undefined {
  if (left <= 0) return undefined;
  return html`<p class="more" data-more="${left}">and ${left} more ${what}: all of them are in <a href="${downloadHref('data/cross-source-checks.csv')}">data/cross-source-checks.csv</a></p>`;
}

function disagreementArticle(view: View, c: CrossSourceCheck): Html {
  const participants = shownOf(c.authorityIds).map((id) => {
    const a = view.authorities.get(id);
    return html`<li data-authority="${id}">${a ? authorityLabel(a) : html`<code>${id}</code>`}</li>`;
  });
  const sources = shownOf(c.sourceIds, c.newerSourceId);
  return html`
<article class="disagreement" id="disagreement-${c.id}" data-cross-check="${c.id}" data-rule="${c.rule}" data-forum="${c.forumId}">
<h3><span class="rule">${c.rule}</span> <a href="#forum-${encodeURIComponent(c.forumId)}">${view.forumNames.get(c.forumId) ?? c.forumId}</a>${c.group !== undefined && html` <span class="muted">· ${c.group}</span>`}</h3>
<p class="message">${c.message}</p>
<dl class="facts">
${participants.length > 0 && html`<dt>${c.authorityIds.length === 1 ? 'Participant' : 'Participants'}</dt><dd><ul class="plain participants-concerned">${participants}</ul>${moreItems(c.authorityIds.length - participants.length, 'participants')}</dd>`}
<dt>Sources</dt><dd><ol class="plain sources-compared">${sources.map((id) => comparedSource(view, id, id === c.newerSourceId, c.sourceIds.length))}</ol>${moreItems(c.sourceIds.length - sources.length, 'sources')}</dd>
${c.suggestion !== undefined && html`<dt>Suggestion</dt><dd class="suggestion">${c.suggestion}</dd>`}
<dt>Evidence</dt><dd><ul class="plain evidence">${c.evidence.map((e) => evidenceItem(view, e))}</ul></dd>
</dl>
</article>`;
}

/** One of the sources a check compares: its link, its date and, for the newer one, a mark. */
function comparedSource(view: View, id: string, newer: boolean, count: number): Html {
  const s = view.sources.get(id);
  return html`<li data-source="${id}"${newer && html` data-newer`}>${sourceLink(view, id)} <span class="muted when">· ${(s && sourceDate(s)) ?? 'undated'}</span>${newer && html` <strong class="newer">${count === 2 ? 'newer' : 'newest'}</strong>`}</li>`;
}

/** The date that orders versions and claims: when the page was saved, else when it was last updated. */
function sourceDate(s: Source): string | undefined {
  if (s.retrieved !== undefined) return `retrieved ${s.retrieved}`;
  if (s.lastUpdated !== undefined) return `updated ${s.lastUpdated}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sources and downloads

function sourcesSection(view: View): Html {
  return html`<section id="sources" aria-labelledby="sources-title">
<h2 id="sources-title">Sources</h2>
<p>Every saved page the dataset is built from. When a page was saved more than once, only its newest version makes claims; the older versions are kept and marked.</p>
<div class="scroll"><table class="sources">
<thead><tr><th scope="col">Page</th><th scope="col">Publisher</th><th scope="col">Language</th><th scope="col">Retrieved</th><th scope="col">Last updated</th><th scope="col">Saved as</th></tr></thead>
<tbody>
${each(
  view.dataset.sources,
  (s) => html`<tr id="source-${s.id}" data-source="${s.id}"${s.supersededBy !== undefined && html` class="superseded" data-superseded-by="${s.supersededBy}"`}><td>${sourceLink(view, s.id, { withPublisher: false })}${s.supersededBy !== undefined && supersededNote(view, s.supersededBy)}</td><td>${s.publisher ?? ''}</td><td>${s.language}</td><td class="date">${s.retrieved ?? ''}</td><td class="date">${s.lastUpdated ?? ''}</td><td><code>${s.path}</code></td></tr>
`,
)}</tbody>
</table></div>
</section>`;
}

function supersededNote(view: View, newerId: string): Html {
  const newer = view.sources.get(newerId);
  const label = html`<code>${newerId}</code>`;
  const date = newer && sourceDate(newer);
  return html`<small class="superseded-note">older version, superseded by ${newer ? html`<a href="#source-${encodeURIComponent(newerId)}">${label}</a>` : label}${date !== undefined && ` (${date})`}</small>`;
}

/** 1234 → "1.2 kB": bytes below 1000, then kB and MB (SI), one decimal, the same in every locale. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What a published file holds, by its path; a file not described here is still listed. */
function describeFile(path: string): string | undefined {
  const data = /^data\/(excel\/)?([^/]+)\.(json|csv)$/u.exec(path);
  if (data) {
    const title = TABLES.find((t) => t.file === data[2])?.title;
    const format = data[1] ? 'CSV for Excel, ; separated' : data[3]?.toUpperCase();
    return title && `${title} (${format})`;
  }
  if (path === 'dataset.jsonld') return 'Linked data: schema.org and W3C ORG (JSON-LD)';
  if (path === 'datapackage.json') return 'Frictionless Data Package: tables, columns and keys';
  if (/^schema\/[^/]+\.schema\.json$/u.test(path)) return 'JSON Schema of a record';
  if (path.endsWith('.d.ts')) return 'TypeScript types of the records';
  return undefined;
}

/** A relative link to a release file: each path segment percent-encoded. */
export const downloadHref = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function downloadsSection(files: ReadonlyMap<string, MadeFile>): Html {
  const paths = [...files.keys()].filter((p) => p !== 'index.html').sort(compareCodeUnits);
  return html`<section id="downloads" aria-labelledby="downloads-title">
<h2 id="downloads-title">Downloads</h2>
<p>Every file of this release, relative to this page. JSON is the canonical form; the CSV files flatten nested fields with <code>_</code> and join lists with <code>;</code>.</p>
<div class="scroll"><table class="downloads">
<thead><tr><th scope="col">File</th><th scope="col" class="size">Size</th></tr></thead>
<tbody>
${paths.map((p) => {
  const bytes = files.get(p)?.byteLength ?? 0;
  const about = describeFile(p);
  return html`<tr><td><a href="${downloadHref(p)}" data-file="${p}">${p}</a>${about !== undefined && html`<span class="about">${about}</span>`}</td><td class="size" data-bytes="${bytes}" title="${bytes} bytes">${formatSize(bytes)}</td></tr>
`;
})}</tbody>
</table></div>
</section>`;
}

function footer(ctx: PublishContext): Html {
  const { config } = ctx;
  return html`<footer>
<p>Built by samverkan ${ctx.version} from ${plural(ctx.dataset.sources.length, 'saved source page')}. Every forum, membership, date and count traces back to a quote in its source.</p>
<p>Contact: ${link(config.contact.url, config.contact.name)}, <a href="mailto:${encodeURIComponent(config.contact.email).replace(/%40/gu, '@')}">${config.contact.email}</a>. Licence: ${link(config.license.path, config.license.title)}.</p>
</footer>`;
}

// ---------------------------------------------------------------------------------------------
// Style and script (hashed into the Content-Security-Policy, so they must stay constants)

/**
 * Reorders the matrix rows by the ranks the page was written with, so the browser never
 * compares names itself (its locale would decide the order). Touches no markup from data.
 */
const SORT_SCRIPT = `
(() => {
  'use strict';
  const rows = document.getElementById('matrix-rows');
  const controls = document.getElementById('matrix-sort');
  if (!rows || !controls) return;
  const table = rows.closest('table');
  const rank = (row, key) => Number(row.dataset[key]);
  const byName = (a, b) => rank(a, 'nameRank') - rank(b, 'nameRank');
  const orders = { name: byName, forums: (a, b) => rank(b, 'forumCount') - rank(a, 'forumCount') || byName(a, b) };
  const sortBy = (key) => {
    for (const row of [...rows.rows].sort(orders[key])) rows.append(row);
    table.dataset.sortedBy = key;
    for (const b of controls.querySelectorAll('button[data-sort]')) b.setAttribute('aria-pressed', String(b.dataset.sort === key));
    for (const th of table.querySelectorAll('th[data-sort-key]')) {
      if (th.dataset.sortKey === key) th.setAttribute('aria-sort', key === 'name' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  };
  controls.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-sort]');
    if (button && Object.hasOwn(orders, button.dataset.sort)) sortBy(button.dataset.sort);
  });
  controls.hidden = false;
})();
`;

const STYLE = `
:root { --ink: #1c2128; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --bg: #fff; --accent: #0a58a8;
  --ok: #116329; --ok-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9; --warn: #7d4e00; --warn-bg: #fff8c5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 76rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
a { color: var(--accent); }
h1 { font-size: clamp(1.6rem, 4vw, 2.4rem); line-height: 1.15; margin: .25rem 0; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; line-height: 1.3; margin: 0 0 .5rem; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.muted, .alt { color: var(--muted); }
.alt { font-size: .9em; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-size: .8rem; }
.subtitle { margin: 0 0 1rem; font-size: 1.2rem; color: var(--muted); }
.lead { font-size: 1.1rem; max-width: 48rem; margin: .5rem 0; }
.lead-sv { max-width: 48rem; color: var(--muted); margin: .5rem 0 1rem; }
.masthead { border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .75rem 0; }
nav a { font-weight: 600; text-decoration: none; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.evidence li + li { margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); font-size: .9rem; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-size: .9rem; }
.scroll { overflow-x: auto; }
.forums { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 32rem), 1fr)); gap: 1rem; }
.forum, .check, .disagreement { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; break-inside: avoid; }
.acronym { text-decoration: none; font-size: .8em; padding: 0 .35rem; border: 1px solid var(--line); border-radius: 4px; color: var(--muted); }
.participants { font-size: .9rem; }
.role { display: inline-block; white-space: nowrap; font-size: .8rem; line-height: 1.4; padding: 0 .45rem; border-radius: 999px; border: 1px solid #8c959f; background: #eef1f4; }
.role-lead { background: #0a3069; border-color: #0a3069; color: #fff; }
.role-coordinator { background: #6639ba; border-color: #6639ba; color: #fff; }
.role-initiator { background: #1b7c83; border-color: #1b7c83; color: #fff; }
.role-member { background: #ddf4ff; border-color: #54aeff; }
.role-network-member { background: #fff; border-style: dashed; }
.role-partner { background: #fff8c5; border-color: #d4a72c; }
.sort { margin: .5rem 0; }
.sort button { font: inherit; font-size: .9rem; padding: .25rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
.sort button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
table.matrix { width: auto; font-size: .9rem; }
table.matrix th.authority { position: sticky; left: 0; z-index: 1; background: var(--bg); min-width: 12rem; max-width: 22rem; font-weight: 400; vertical-align: middle; }
table.matrix thead th.authority { background: var(--soft); font-weight: 700; vertical-align: bottom; }
table.matrix th.forum { vertical-align: bottom; padding: .5rem .3rem; }
table.matrix th.forum span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 13rem; line-height: 1.2; font-weight: 600; }
table.matrix th.forum a { text-decoration: none; }
table.matrix td.cell { text-align: center; vertical-align: middle; border-left: 1px solid var(--line); min-width: 3rem; }
table.participation td ul.memberships li { display: inline-block; margin: 0 .75rem .2rem 0; }
table.participation td small { color: var(--muted); font-size: .75rem; }
table.matrix td.cell small { display: block; color: var(--muted); font-size: .7rem; white-space: nowrap; }
table.matrix .count { text-align: right; border-left: 1px solid var(--line); font-variant-numeric: tabular-nums; vertical-align: bottom; }
table.matrix tbody .count { vertical-align: middle; }
table.matrix tbody tr:hover > * { background: var(--soft); }
.check { margin: 1rem 0; border-left-width: 6px; }
.check .message { margin: 0 0 .5rem; }
.status { display: inline-block; font-size: .85rem; padding: .05rem .5rem; border-radius: 4px; border: 1px solid; text-transform: uppercase; letter-spacing: .03em; vertical-align: .1em; }
.status-consistent { border-left-color: var(--ok); } .status-consistent .status { color: var(--ok); background: var(--ok-bg); }
.status-mismatch { border-left-color: var(--bad); } .status-mismatch .status { color: var(--bad); background: var(--bad-bg); }
.status-unverifiable { border-left-color: var(--warn); } .status-unverifiable .status { color: var(--warn); background: var(--warn-bg); }
.disagreement { margin: 1rem 0; border-left: 6px solid var(--warn); }
.disagreement .message { margin: 0 0 .5rem; }
.rule { display: inline-block; font: .8rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: .05rem .45rem; border-radius: 4px; border: 1px solid var(--warn); color: var(--warn); background: var(--warn-bg); vertical-align: .1em; overflow-wrap: anywhere; }
.newer { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; padding: 0 .4rem; border-radius: 4px; color: #fff; background: var(--accent); }
.suggestion { font-style: italic; }
ol.sources-compared { margin: 0; padding-left: 1.4rem; }
.when { white-space: nowrap; }
.differs { display: block; color: var(--warn); font-size: .75rem; }
td.named-by { white-space: nowrap; color: var(--muted); cursor: help; }
td.named-by.partial { color: var(--warn); font-weight: 600; }
tr.superseded td { color: var(--muted); }
.superseded-note { display: block; font-size: .8rem; color: var(--warn); }
q { font-style: italic; }
p.more { font-weight: 600; }
details summary { cursor: pointer; color: var(--accent); }
.downloads td.size, .downloads th.size { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
.downloads .about { display: block; color: var(--muted); font-size: .85rem; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  .page { padding: .75rem .75rem 2rem; }
  dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
  dl.facts dd { margin-bottom: .4rem; }
  .forum, .check, .disagreement { padding: .75rem; }
  th, td { padding: .3rem .35rem; }
  table.matrix { font-size: .85rem; }
  table.matrix th.authority { min-width: 0; max-width: none; }
  table.matrix th.authority .alt { display: none; }
}
@media print {
  nav, .sort { display: none !important; }
  body { font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 8pt; color: var(--muted); overflow-wrap: anywhere; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
  tr, .forum, .check, .disagreement { break-inside: avoid; }
  table.matrix th.authority { position: static; }
  table.matrix tbody tr:hover > * { background: none; }
  .role, .status, .rule, .newer { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
