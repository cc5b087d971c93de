// The landing page without a browser: escaping, links, the download list and the matrix, read
// from the HTML text. test/publish/landing-page.browser.test.ts checks the same page in Chromium.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import type { PublishContext } from '../../pipeline/publish/context.js';
import { jsonFiles, validateDataset } from '../../pipeline/publish/json.js';
import { escapeHtml, formatSize, landingPageWriter, LandingPageDataError, nameSortKey, renderLandingPage } from '../../pipeline/publish/landing-page.js';
import { projectDataset } from '../helpers/pipeline.js';
import { HOSTILE, hostileDataset, testConfig } from './landing-page-fixtures.js';

const context = (dataset: Dataset, files: ReadonlyMap<string, Uint8Array> = new Map()): PublishContext => ({ dataset, config: testConfig, version: '9.8.7', files });
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)];

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });
  it('escapes an entity again rather than trusting it, and leaves other text alone', () => {
    expect(escapeHtml('&amp; åäö – “q”')).toBe('&amp;amp; åäö – “q”');
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
    const files = jsonFiles(dataset);
    page = new TextDecoder().decode(landingPageWriter(context(dataset, files)).get('index.html'));
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
  it('lists no files but the ones in the context, and is the same bytes when built again', () => {
    expect(all(page, /data-file="([^"]+)"/gu).map((m) => m[1])).toEqual([...jsonFiles(dataset).keys()].sort());
    expect(new TextDecoder().decode(landingPageWriter(context(structuredClone(dataset), jsonFiles(dataset))).get('index.html'))).toBe(page);
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
  });
});
