// The landing page without a browser: escaping, links, the download list, the matrix, where the
// sources disagree and which sources are superseded, read from the HTML text. test/publish/landing-page.browser.test.ts checks the same page in Chromium.
import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { madeFiles, type PublishContext } from '../../pipeline/publish/context.js';
import { jsonFiles, validateDataset } from '../../pipeline/publish/json.js';
import { compareAuthorityNames, escapeHtml, FINDINGS_SHOWN, formatSize, landingPageWriter, LandingPageDataError, LIST_SHOWN, MATRIX_MAX_FORUMS, memoSortKey, nameSortKey, renderLandingPage, shownOf } from '../../pipeline/publish/landing-page.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import { buildPages, projectDataset, projectRoot } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';
import { HOSTILE, hostileDataset, testConfig } from './landing-page-fixtures.js';

const context = (dataset: Dataset, files: ReadonlyMap<string, Uint8Array> = new Map()): PublishContext => ({ dataset, config: testConfig, version: '9.8.7', files: madeFiles(files) });
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)];

/** The "Where sources disagree" articles of a page, in page order. */
const disagreements = (page: string) =>
  all(page, /<article class="disagreement" id="disagreement-[^"]*" data-cross-check="([^"]*)" data-rule="([^"]*)" data-forum="([^"]*)">([\s\S]*?)<\/article>/gu).map((m) => ({ id: m[1], rule: m[2], forum: m[3], body: m[4] ?? '' }));
/** The sources a disagreement compares, in its order, and whether each is marked newer. */
const comparedSources = (body: string) => all(body, /<li data-source="([^"]+)"( data-newer)?>/gu).map((m) => [m[1], m[2] !== undefined]);
/** Quote and place of every evidence item. */
const evidencePlaces = (body: string) => all(body, /<li><q[^>]*>([^<]*)<\/q> <code class="place">([^<]*)<\/code><\/li>/gu).map((m) => [m[1], m[2]]);
/** One forum's article on the page. */
const forumArticleOf = (page: string, forumId: string) => new RegExp(`<article class="forum" id="forum-${forumId}" data-forum="${forumId}">([\\s\\S]*?)</article>`, 'u').exec(page)?.[1] ?? '';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });
  it('escapes an entity again rather than trusting it, and leaves other text alone', () => {
    expect(escapeHtml('&amp; åäö – “q”')).toBe('&amp;amp; åäö – “q”');
  });
  it('escapes any text as one replacement per character would, and returns text without the five as it is', () => {
    const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
    const reference = (text: string) => [...text].map((c) => entities[c] ?? c).join('');
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.constantFrom('&', '<', '>', '"', "'", 'a', 'å', '😀', '&amp;', ' ', '\n'), { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(text, (t) => {
        expect(escapeHtml(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
    for (const t of ['', 'Polismyndigheten', 'Åklagarmyndigheten – “Syd”', '2019', '😀']) expect(escapeHtml(t)).toBe(t);
    // every tricky character, alone, at the edges and twice (a global regexp's state must not carry over)
    for (const c of Object.keys(entities)) for (const t of [c, `${c}x`, `x${c}`, `${c}${c}`]) expect(escapeHtml(t)).toBe(reference(t));
  });
});

describe('compareAuthorityNames', () => {
  it('orders the same with sort keys made once per name as with fresh ones', () => {
    const name = fc.oneof(fc.constantFrom('Åre', 'Älvdalen', 'Örebro', 'émile', 'Eskilstuna', 'Polisen', 'polisen', 'ÅM', 'Ystad'), fc.string({ maxLength: 6 }));
    const authority = fc.record({ id: fc.string({ maxLength: 4 }), sv: fc.option(name, { nil: undefined }), en: fc.option(name, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(authority, { maxLength: 20 }), (records) => {
        const authorities = records.map((r) => ({ id: r.id, name: { sv: r.sv, en: r.en } }) as unknown as Parameters<typeof compareAuthorityNames>[0]);
        const memo = memoSortKey();
        const fresh = [...authorities].sort((a, b) => compareAuthorityNames(a, b));
        expect([...authorities].sort((a, b) => compareAuthorityNames(a, b, memo))).toEqual(fresh);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a page of hostile data', () => {
  const page = renderLandingPage(context(hostileDataset()));

  it('is made from records that pass their schemas, a cross-source check among them', () => {
    const dataset = hostileDataset();
    expect(() => validateDataset(dataset)).not.toThrow();
    expect(dataset.crossSourceChecks).toHaveLength(1);
  });

  it('contains none of the markup from the data', () => {
    expect(page).not.toContain('<script>window');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<svg');
    expect(page).not.toContain('<i>co</i>');
    expect(page).not.toContain('<b>not bold</b>');
  });
  it('shows every hostile text escaped', () => {
    for (const text of Object.values(HOSTILE)) expect(page).toContain(escapeHtml(text));
    expect(page).toContain('<abbr class="acronym">&lt;b&gt;</abbr>');
    expect(page).toContain('O&#39;Brien &amp; &lt;Co&gt;');
    expect(page).toContain('<title>Test &lt;dataset&gt; &amp; &quot;friends&quot;</title>');
  });
  it('links only http(s) URLs', () => {
    const hrefs = all(page, /href="([^"]*)"/gu).map((m) => m[1]);
    expect(hrefs.filter((h) => !/^(https?:|#|mailto:)/u.test(h ?? ''))).toEqual([]);
    expect(hrefs).toContain('https://good.example/sida?a=1&amp;b=2');
    expect(page).toContain('<code class="url">javascript:alert(1)</code>');
  });
  it('has exactly one script, the one its Content-Security-Policy allows by hash', () => {
    const scripts = all(page, /<script>([\s\S]*?)<\/script>/gu);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]?.[1] ?? '').digest('base64');
    expect(page).toMatch(new RegExp(`Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^&]+&#39;; script-src &#39;sha256-${hash.replace(/[+/]/gu, '\\$&')}&#39;`, 'u'));
  });
  it('gives the newest date the sources state and the version, not the build time', () => {
    expect(page).toContain('<dd data-newest-source-date>2024-06-30</dd>');
    expect(page).toContain('<dd data-version>9.8.7</dd>');
  });
  it('marks Swedish names as Swedish and gives the count check its status and evidence place', () => {
    expect(page).toContain('<span class="name" lang="sv">Åklagarmyndigheten</span> <span class="alt">Swedish Prosecution Authority</span>');
    expect(page).toContain('data-check="evil-forum--members--3" data-status="mismatch"');
    expect(page).toContain(`<q>${escapeHtml(HOSTILE.quote)}</q> <code class="place">pages/evil.example/evil.en.txt:7:5</code>`);
  });
});

describe('where sources disagree, in hand-made data', () => {
  const dataset = hostileDataset();
  const page = renderLandingPage(context(dataset));
  const check = dataset.crossSourceChecks[0] as CrossSourceCheck;

  it('lists the check with its rule, forum, participant, message and suggestion, all escaped', () => {
    const found = disagreements(page);
    expect(found.map(({ id, rule, forum }) => [id, rule, forum])).toEqual([[check.id, 'participant-missing-in-source', 'evil-forum']]);
    const body = found[0]?.body ?? '';
    expect(body).toContain(`<h3><span class="rule">participant-missing-in-source</span> <a href="#forum-evil-forum">${escapeHtml(HOSTILE.forumName)}</a></h3>`);
    expect(body).toContain(`<p class="message">${escapeHtml(check.message)}</p>`);
    expect(body).toContain(`<dt>Participant</dt><dd><ul class="plain participants-concerned"><li data-authority="hostile"><span class="name" lang="sv">${escapeHtml(HOSTILE.authorityName)}</span></li></ul></dd>`);
    expect(body).toContain(`<dt>Suggestion</dt><dd class="suggestion">${escapeHtml(HOSTILE.suggestion)}</dd>`);
    expect(page).not.toContain('No disagreements between sources.');
  });
  it('lists the sources oldest first, with their dates, the newer one marked', () => {
    const body = disagreements(page)[0]?.body ?? '';
    expect(comparedSources(body)).toEqual([
      ['evil', false],
      ['good', true],
    ]);
    expect(body).toContain('<span class="muted when">· retrieved 2024-05-01</span></li>');
    expect(body).toContain('<span class="muted when">· updated 2024-06-30</span> <strong class="newer">newer</strong></li>');
  });
  it("quotes the evidence at each place, as path:line:column of the source's file", () => {
    expect(evidencePlaces(disagreements(page)[0]?.body ?? '')).toEqual([
      [escapeHtml(HOSTILE.forumName), 'pages/good.example/good.sv.md:5:5'],
      [escapeHtml(HOSTILE.authorityName), 'pages/evil.example/evil.en.txt:3:5'],
    ]);
  });
  it('leaves out what a check does not state, and marks the newest of three sources', () => {
    const counts: CrossSourceCheck = {
      id: 'good-forum--count-disagreement--members',
      forumId: 'good-forum',
      rule: 'count-disagreement',
      group: 'members',
      authorityIds: [],
      sourceIds: ['good.2023', 'evil', 'good'],
      newerSourceId: 'good',
      message: 'Unexpected count: this source states 2 members, another states 3',
      evidence: [{ sourceId: 'unknown-source', start: { line: 2, column: 3, offset: 9 }, end: { line: 2, column: 8, offset: 14 }, quote: 'three' }],
    };
    const body = disagreements(renderLandingPage(context({ ...dataset, crossSourceChecks: [counts] })))[0]?.body ?? '';
    expect(body).toContain('<h3><span class="rule">count-disagreement</span> <a href="#forum-good-forum">Good forum</a> <span class="muted">· members</span></h3>');
    expect(body).not.toContain('<dt>Participant');
    expect(body).not.toContain('<dt>Suggestion');
    expect(comparedSources(body)).toEqual([
      ['good.2023', false],
      ['evil', false],
      ['good', true],
    ]);
    expect(body).toContain('<strong class="newer">newest</strong>');
    // evidence from a source the dataset does not hold: its id stands in for the path
    expect(evidencePlaces(body)).toEqual([['three', 'unknown-source:2:3']]);
  });
  it('names at most LIST_SHOWN participants and sources of a long finding, the newest source among them, and counts the rest', () => {
    const authorityIds = Array.from({ length: 30 }, (_, i) => `authority-${String(i).padStart(2, '0')}`);
    const sourceIds = Array.from({ length: 40 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    const long: CrossSourceCheck = { ...check, id: 'evil-forum--participant-missing-in-source--page-05', authorityIds, sourceIds, newerSourceId: 'page-39' };
    const body = disagreements(renderLandingPage(context({ ...dataset, crossSourceChecks: [long] })))[0]?.body ?? '';
    expect(all(body, /<li data-authority="([^"]+)">/gu).map((m) => m[1])).toEqual(authorityIds.slice(0, LIST_SHOWN));
    expect(comparedSources(body)).toEqual([...sourceIds.slice(0, LIST_SHOWN - 1).map((id) => [id, false]), ['page-39', true]]);
    expect(all(body, /<p class="more" data-more="(\d+)">and \d+ more (\w+): all of them are in <a href="data\/cross-source-checks.csv">/gu).map((m) => [m[1], m[2]])).toEqual([
      [String(30 - LIST_SHOWN), 'participants'],
      [String(40 - LIST_SHOWN), 'sources'],
    ]);
    expect(body).toContain('<dt>Participants</dt>');
    // a short finding is listed whole, with no note
    const short = disagreements(renderLandingPage(context({ ...dataset, crossSourceChecks: [{ ...long, authorityIds: authorityIds.slice(0, LIST_SHOWN), sourceIds: sourceIds.slice(0, LIST_SHOWN), newerSourceId: sourceIds[LIST_SHOWN - 1] as string }] })))[0]?.body ?? '';
    expect(all(short, /<li data-authority="/gu)).toHaveLength(LIST_SHOWN);
    expect(comparedSources(short)).toHaveLength(LIST_SHOWN);
    expect(short).not.toContain('class="more"');
  });
  it('keeps the order of a list it shortens, and the one item it must keep', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 40 }), fc.option(fc.nat(60), { nil: undefined }), (ids, k) => {
        const keep = k === undefined ? undefined : (ids[k] ?? 'absent');
        const shown = shownOf(ids, keep);
        expect(shown).toHaveLength(Math.min(ids.length, LIST_SHOWN));
        expect(shown.map((id) => ids.indexOf(id))).toEqual(shown.map((id) => ids.indexOf(id)).sort((a, b) => a - b));
        if (keep !== undefined && ids.includes(keep)) expect(shown).toContain(keep);
        expect(shown.every((id) => ids.includes(id))).toBe(true);
      }),
    );
  });
  it('says so when the sources do not disagree', () => {
    const quiet = renderLandingPage(context({ ...dataset, crossSourceChecks: [] }));
    expect(disagreements(quiet)).toEqual([]);
    expect(quiet).toContain('<p class="muted" data-no-disagreements>No disagreements between sources.</p>');
    expect(quiet).toContain('0 disagreements between sources');
    expect(page).toContain('1 disagreement between sources');
  });

  it("shows in a forum with two sources which of them name each participant, and the roles they disagree on", () => {
    const forum = forumArticleOf(page, 'evil-forum');
    expect(forum).toContain('<th scope="col">Named by</th>');
    const rows = all(forum, /<tr data-authority="([^"]+)" data-role="([^"]+)" data-claims="([^"]+)">([\s\S]*?)<\/tr>/gu).map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['hostile', 'lead', 'evil:lead'],
      ['polismyndigheten', 'member', 'evil:partner good:member'],
    ]);
    const evilTitle = escapeHtml(HOSTILE.sourceTitle);
    expect(forum).toContain(`<td class="named-by partial" data-sources="evil" title="Named by\n${evilTitle} [evil] (2024-05-01): lead authority">1 of 2 sources</td>`);
    expect(forum).toContain(`<td class="named-by" data-sources="evil good" title="Named by\n${evilTitle} [evil] (2024-05-01): partner since 2013\nBra sida [good] (2024-06-30): member">both sources</td>`);
    expect(forum).toContain('<span class="role role-member" title="medlem">member</span><small class="differs" data-source="evil" data-role="partner">evil says partner</small>');
    expect(all(forum, /class="differs"/gu)).toHaveLength(1);
  });
  it('adds no source column to a forum that one source describes', () => {
    const forum = forumArticleOf(page, 'good-forum');
    expect(forum).toContain('<tr data-authority="polismyndigheten" data-role="coordinator"><td>');
    expect(forum).not.toContain('Named by');
    expect(forum).not.toContain('data-claims');
  });

  it('marks an older version of a page as superseded, linking the newer one', () => {
    const rows = all(page, /<tr id="source-([^"]+)" data-source="[^"]+"( class="superseded" data-superseded-by="[^"]+")?><td>([\s\S]*?)<\/td>/gu).map((m) => [m[1], m[2] !== undefined]);
    expect(rows).toEqual(dataset.sources.map((s) => [s.id, s.supersededBy !== undefined]));
    expect(rows).toEqual([
      ['evil', false],
      ['good', false],
      ['good.2023', true],
    ]);
    expect(page).toContain('<tr id="source-good.2023" data-source="good.2023" class="superseded" data-superseded-by="good"><td><a href="https://good.example/sida?a=1&amp;b=2" rel="noreferrer" lang="sv">Bra sida</a><small class="superseded-note">older version, superseded by <a href="#source-good"><code>good</code></a> (updated 2024-06-30)</small></td>');
    expect(all(page, /older version, superseded by/gu)).toHaveLength(1);
  });
});

describe('where the sources of the multi-source fixture disagree (built by the pipeline)', () => {
  let dataset: Dataset;
  let page: string;
  beforeAll(async () => {
    const dir = path.join(projectRoot, 'test/fixtures/multi-source');
    dataset = (await buildPages(dir, ['pages/a.example/organised-crime.en.txt', 'pages/b.example/samverkan.sv.md'])).dataset;
    page = renderLandingPage(context(dataset));
  });

  it("shows every cross-source check in the dataset's order: rule, forum, message, suggestion, sources, evidence places", () => {
    const found = disagreements(page);
    expect(found.map((f) => f.rule)).toEqual(['count-disagreement', 'participant-missing-in-source', 'count-explained-by-other-source', 'participant-missing-in-source']);
    expect(found.map(({ id, rule, forum }) => [id, rule, forum])).toEqual(dataset.crossSourceChecks.map((c) => [escapeHtml(c.id), c.rule, c.forumId]));
    const pathOf = new Map(dataset.sources.map((s) => [s.id, s.path]));
    dataset.crossSourceChecks.forEach((c, i) => {
      const body = found[i]?.body ?? '';
      const forum = dataset.forums.find((f) => f.id === c.forumId);
      expect(body).toContain(`<a href="#forum-${c.forumId}">${escapeHtml(forum?.name.en ?? '')}</a>`);
      expect(body).toContain(`<p class="message">${escapeHtml(c.message)}</p>`);
      expect(body.includes('<dt>Suggestion</dt>')).toBe(c.suggestion !== undefined);
      if (c.suggestion !== undefined) expect(body).toContain(`<dd class="suggestion">${escapeHtml(c.suggestion)}</dd>`);
      expect(comparedSources(body)).toEqual(c.sourceIds.map((id) => [id, id === c.newerSourceId]));
      expect(evidencePlaces(body)).toEqual(c.evidence.map((e) => [escapeHtml(e.quote), `${pathOf.get(e.sourceId)}:${e.start.line}:${e.start.column}`]));
      expect(all(body, /<li data-authority="([^"]+)">/gu).map((m) => m[1])).toEqual(c.authorityIds);
    });
    expect(evidencePlaces(found[2]?.body ?? '')).toEqual([
      ['Nine additional authorities', 'pages/a.example/organised-crime.en.txt:11:1'],
      ['Transportstyrelsen', 'pages/b.example/samverkan.sv.md:18:233'],
    ]);
  });

  it('tells for each participant which of the two pages name it', () => {
    const named = dataset.forums.flatMap((f) => {
      const forum = forumArticleOf(page, f.id);
      return all(forum, /<tr data-authority="([^"]+)" data-role="[^"]+" data-claims="([^"]+)">[\s\S]*?<td class="named-by( partial)?" data-sources="([^"]+)"[^>]*>([^<]+)<\/td><\/tr>/gu).map((m) => [f.id, m[1], m[2], m[4], m[5]]);
    });
    const expected = dataset.memberships.map((m) => {
      const sources = m.claims.map((c) => c.sourceId);
      return [m.forumId, m.authorityId, m.claims.map((c) => `${c.sourceId}:${c.role}`).join(' '), sources.join(' '), sources.length === 2 ? 'both sources' : `${sources.length} of 2 sources`];
    });
    const key = (row: (string | undefined)[]) => row.join(' | ');
    expect(named.map(key).sort()).toEqual(expected.map(key).sort());
    expect(named.filter((row) => row[4] === '1 of 2 sources').map((row) => row[1]).sort()).toEqual(['stralsakerhetsmyndigheten', 'transportstyrelsen']);
  });
});

describe('the download list', () => {
  const bytes = (n: number) => new Uint8Array(n);
  const files = new Map([
    ['data/forums.json', bytes(1234)],
    ['data/excel/forums.csv', bytes(999)],
    ['data/odd name.csv', bytes(0)],
    ['dataset.jsonld', bytes(2_500_000)],
    ['types/index.d.ts', bytes(1)],
  ]);
  const page = renderLandingPage(context(hostileDataset(), files));
  const rows = all(page, /<a href="([^"]*)" data-file="([^"]*)">[^<]*<\/a>(?:<span class="about">([^<]*)<\/span>)?<\/td><td class="size" data-bytes="(\d+)" title="\d+ bytes">([^<]*)<\/td>/gu).map((m) => m.slice(1));

  it('formats sizes in bytes, kB and MB the same in every locale', () => {
    expect([0, 1, 999, 1000, 1234, 999_949, 2_500_000].map(formatSize)).toEqual(['0 bytes', '1 byte', '999 bytes', '1.0 kB', '1.2 kB', '999.9 kB', '2.5 MB']);
  });
  it('lists every file once, in path order, with a relative link, its size and what it holds', () => {
    expect(rows).toEqual([
      ['data/excel/forums.csv', 'data/excel/forums.csv', 'Forums (CSV for Excel, ; separated)', '999', '999 bytes'],
      ['data/forums.json', 'data/forums.json', 'Forums (JSON)', '1234', '1.2 kB'],
      ['data/odd%20name.csv', 'data/odd name.csv', undefined, '0', '0 bytes'],
      ['dataset.jsonld', 'dataset.jsonld', 'Linked data: schema.org and W3C ORG (JSON-LD)', '2500000', '2.5 MB'],
      ['types/index.d.ts', 'types/index.d.ts', 'TypeScript types of the records', '1', '1 byte'],
    ]);
  });
});

describe('the membership matrix of the project dataset', () => {
  let dataset: Dataset;
  let page: string;
  beforeAll(async () => {
    dataset = (await projectDataset()).dataset;
    const files = inMemory(jsonFiles(dataset));
    page = new TextDecoder().decode(inMemory(landingPageWriter(context(dataset, files))).get('index.html'));
  });

  it('has a row per authority, a cell per forum in every row, and a role in as many cells as there are memberships', () => {
    const body = /<tbody id="matrix-rows">([\s\S]*?)<\/tbody>/u.exec(page)?.[1] ?? '';
    const rows = all(body, /<tr data-authority="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/gu);
    expect(rows.map((r) => r[1]).sort()).toEqual(dataset.authorities.map((a) => a.id).sort());
    for (const row of rows) expect(all(row[2] ?? '', /<td class="cell"/gu)).toHaveLength(dataset.forums.length);
    const cells = rows.flatMap((r) => all(r[2] ?? '', /<td class="cell" data-forum="([^"]+)" data-role="([^"]+)"/gu).map((c) => `${c[1]} ${r[1]} ${c[2]}`));
    expect(cells.sort()).toEqual(dataset.memberships.map((m) => `${m.forumId} ${m.authorityId} ${m.role}`).sort());
  });
  it('orders the rows by Swedish name without JS: Å after Z', () => {
    const names = all(page, /<tr data-authority="[^"]+" data-name-rank="(\d+)"[^>]*><th scope="row" class="authority"><span class="name"[^>]*>([^<]+)</gu);
    expect(names.map((n) => Number(n[1]))).toEqual(names.map((_, i) => i));
    expect(names[0]?.[2]).toBe('Arbetsförmedlingen');
    expect(names.at(-1)?.[2]).toBe('Åklagarmyndigheten');
  });
  it('has a disagreement for each cross-source check and says "No disagreements" only when there is none', () => {
    expect(disagreements(page).map((d) => d.id)).toEqual(dataset.crossSourceChecks.map((c) => escapeHtml(c.id)));
    expect(page.includes('No disagreements between sources.')).toBe(dataset.crossSourceChecks.length === 0);
    expect(all(page, /<tr id="source-[^"]+" data-source="[^"]+" class="superseded"/gu)).toHaveLength(dataset.sources.filter((s) => s.supersededBy !== undefined).length);
  });
  it('lists no files but the ones in the context, and is the same bytes when built again', () => {
    expect(all(page, /data-file="([^"]+)"/gu).map((m) => m[1])).toEqual([...jsonFiles(dataset).keys()].sort());
    expect(new TextDecoder().decode(inMemory(landingPageWriter(context(structuredClone(dataset), inMemory(jsonFiles(dataset))))).get('index.html'))).toBe(page);
  });
});

describe('names and references', () => {
  it('sorts Swedish names as Swedish does, whatever the locale', () => {
    const names = ['Örebro', 'Åre', 'Zinkgruvan', 'Älvdalen', 'émile', 'Eskilstuna', 'ystad'];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual(['émile', 'Eskilstuna', 'ystad', 'Zinkgruvan', 'Åre', 'Älvdalen', 'Örebro']);
  });
  it('refuses a membership of a forum it cannot show', () => {
    const dataset = hostileDataset();
    dataset.memberships.push({ forumId: 'no-such-forum', authorityId: 'hostile', role: 'member', evidence: dataset.memberships[0]?.evidence ?? [], claims: [{ sourceId: 'evil', role: 'member' }] });
    expect(() => renderLandingPage(context(dataset))).toThrow(LandingPageDataError);
    // the writer checks the data when it runs, before any of the page is written
    expect(() => landingPageWriter(context(dataset))).toThrow(LandingPageDataError);
  });
});

describe('the membership matrix of a dataset with many forums', () => {
  // The hostile dataset's forums, copied until there are more than a matrix shows as columns;
  // each copy keeps a part of the memberships, so rows hold different numbers of forums.
  function manyForums(): Dataset {
    const dataset = hostileDataset();
    const [first, second] = dataset.forums as [Dataset['forums'][number], Dataset['forums'][number]];
    const memberships = dataset.memberships;
    dataset.forums = [];
    dataset.memberships = [];
    for (let i = 0; i <= MATRIX_MAX_FORUMS; i++) {
      const base = i % 2 === 0 ? first : second;
      const id = `${base.id}-${String(i).padStart(2, '0')}`;
      dataset.forums.push({ ...base, id, name: { ...base.name, en: `${base.name.en ?? 'Forum'} ${i}` } });
      dataset.memberships.push(...memberships.filter((m) => m.forumId === base.id && (i % 3 !== 0 || m.authorityId !== 'polismyndigheten')).map((m) => ({ ...m, forumId: id })));
    }
    return dataset;
  }

  it('lists each participant’s forums and roles in its row instead of a column per forum', () => {
    const dataset = manyForums();
    expect(() => validateDataset(dataset)).not.toThrow();
    const page = renderLandingPage(context(dataset));
    const body = /<tbody id="matrix-rows">([\s\S]*?)<\/tbody>/u.exec(page)?.[1] ?? '';
    expect(body).not.toContain('<td class="cell"');
    const rows = all(body, /<tr data-authority="([^"]+)" data-name-rank="(\d+)" data-forum-count="(\d+)">([\s\S]*?)<\/tr>/gu);
    expect(rows.map((r) => r[1]).sort()).toEqual(dataset.authorities.map((a) => a.id).sort());
    const listed = rows.flatMap((r) => all(r[4] ?? '', /<li data-forum="([^"]+)" data-role="([^"]+)"/gu).map((li) => `${li[1]} ${r[1]} ${li[2]}`));
    expect(listed.sort()).toEqual(dataset.memberships.map((m) => `${m.forumId} ${m.authorityId} ${m.role}`).sort());
    for (const r of rows) expect(Number(r[3])).toBe(dataset.memberships.filter((m) => m.authorityId === r[1]).length);
    // each forum links to its article on the page, and the article is there
    for (const f of dataset.forums) {
      if (dataset.memberships.some((m) => m.forumId === f.id)) expect(page).toContain(`<a href="#forum-${f.id}">`);
      expect(forumArticleOf(page, f.id)).not.toBe('');
    }
    // the sort controls the script needs are the same as the matrix's
    expect(page).toContain('<div class="sort" id="matrix-sort" hidden>');
    expect(page).toContain('data-sort-key="forums"');
  });

  it('is written a forum, a row and a source at a time: the text of the page made at once', () => {
    const dataset = manyForums();
    const parts = [...(landingPageWriter(context(dataset)).get('index.html') as Iterable<string>)];
    const page = renderLandingPage(context(dataset));
    expect(parts.join('')).toBe(page);
    expect(parts.filter((p) => p.startsWith('\n<article class="forum"'))).toHaveLength(dataset.forums.length);
    expect(parts.filter((p) => p.startsWith('<tr data-authority='))).toHaveLength(dataset.authorities.length);
    expect(parts.filter((p) => p.startsWith('<tr id="source-'))).toHaveLength(dataset.sources.length);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(page.length / 4);
  });

  it('keeps a column per forum up to the limit', () => {
    const dataset = manyForums();
    dataset.forums = dataset.forums.slice(0, MATRIX_MAX_FORUMS);
    const kept = new Set(dataset.forums.map((f) => f.id));
    dataset.memberships = dataset.memberships.filter((m) => kept.has(m.forumId));
    const page = renderLandingPage(context(dataset));
    expect(all(page, /<th scope="col" class="forum" data-forum="/gu)).toHaveLength(MATRIX_MAX_FORUMS);
    expect(all(page, /<td class="cell" data-forum="[^"]+" data-role="/gu)).toHaveLength(dataset.memberships.length);
  });
});

describe('a dataset with more findings than a page shows', () => {
  it('shows the first count checks and disagreements in full and says where all of them are', () => {
    const dataset = hostileDataset();
    const [check] = dataset.countChecks as [Dataset['countChecks'][number]];
    const [cross] = dataset.crossSourceChecks as [Dataset['crossSourceChecks'][number]];
    dataset.countChecks = Array.from({ length: FINDINGS_SHOWN + 7 }, (_, i) => ({ ...check, id: `check-${String(i).padStart(4, '0')}` }));
    dataset.crossSourceChecks = Array.from({ length: FINDINGS_SHOWN + 2 }, (_, i) => ({ ...cross, id: `cross-${String(i).padStart(4, '0')}` }));
    const page = renderLandingPage(context(dataset));
    const checkIds = all(page, /<article class="check[^"]*" id="check-([^"]+)"/gu).map((m) => m[1]);
    expect(checkIds).toEqual(dataset.countChecks.slice(0, FINDINGS_SHOWN).map((c) => c.id));
    expect(disagreements(page).map((d) => d.id)).toEqual(dataset.crossSourceChecks.slice(0, FINDINGS_SHOWN).map((c) => c.id));
    expect(page).toContain(`<p class="more" data-more="7">The first ${FINDINGS_SHOWN} of ${FINDINGS_SHOWN + 7} count checks are shown here; all of them, with their evidence, are in <a href="data/count-checks.json">`);
    expect(page).toContain(`<p class="more" data-more="2">The first ${FINDINGS_SHOWN} of ${FINDINGS_SHOWN + 2} disagreements are shown here;`);
    expect(page).toContain('<a href="data/cross-source-checks.csv">');
  });

  it('says nothing more when every finding is shown', () => {
    expect(renderLandingPage(context(hostileDataset()))).not.toContain('class="more"');
  });
});
