// The landing page in headless Chromium, opened from disk (file://) as a user who downloaded the
// release would: the matrix against data/memberships.json, sorting, download links, no network,
// where sources disagree against data/cross-source-checks.json (the project's sources and the
// multi-source fixture), superseded sources, and a page of hostile data that must execute nothing. Needs Debian's /usr/bin/chromium
// (`apt-get install chromium`); skipped without it except in CI, where .ci/run installs it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { madeFiles, type PublishContext } from '../../pipeline/publish/context.js';
import { csvWriter } from '../../pipeline/publish/csv.js';
import { jsonFiles } from '../../pipeline/publish/json.js';
import { landingPageWriter } from '../../pipeline/publish/landing-page.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import type { Membership } from '../../schemas/membership.js';
import type { Source } from '../../schemas/source.js';
import { buildPages, projectDataset, projectRoot } from '../helpers/pipeline.js';
import { inMemory } from '../helpers/files.js';
import { HOSTILE, hostileDataset, testConfig } from './landing-page-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const skipReason = `${CHROMIUM} is missing (install it with \`apt-get install chromium\`; CI installs it and runs these tests)`;
if (missing && !process.env.CI) console.warn(`landing-page.browser.test.ts skipped: ${skipReason}`);

/** Every published file and the page itself, written to a fresh folder as a release would be. */
function writeRelease(context: Omit<PublishContext, 'files'>): string {
  const files = new Map([...inMemory(jsonFiles(context.dataset)), ...inMemory(csvWriter({ ...context, files: new Map() }))]);
  const all = new Map([...files, ...inMemory(landingPageWriter({ ...context, files: madeFiles(files) }))]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samverkan-landing-'));
  for (const [rel, bytes] of all) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  return dir;
}

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
}

describe.skipIf(missing && !process.env.CI)(`the landing page in Chromium${missing ? ` (${skipReason})` : ''}`, () => {
  let browser: BrowserContext;
  let profile: string;
  let release: string;
  let hostile: string;
  let multi: string;
  let dataset: Dataset;

  beforeAll(async () => {
    // In CI a missing browser is a failure, not a skip.
    expect(existsSync(CHROMIUM), skipReason).toBe(true);
    const project = await projectDataset();
    dataset = project.dataset;
    release = writeRelease({ dataset, config: project.config, version: '0.1.0' });
    hostile = writeRelease({ dataset: hostileDataset(), config: testConfig, version: '0.0.0' });
    const twoPages = await buildPages(path.join(projectRoot, 'test/fixtures/multi-source'), ['pages/a.example/organised-crime.en.txt', 'pages/b.example/samverkan.sv.md']);
    multi = writeRelease({ dataset: twoPages.dataset, config: project.config, version: '0.1.0' });
    profile = mkdtempSync(path.join(os.tmpdir(), 'samverkan-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const dir of [profile, release, hostile, multi]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(dir: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    const opened: Opened = { page, requests: [], errors: [] };
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('pageerror', (e) => opened.errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && opened.errors.push(m.text()));
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href, { waitUntil: 'load' });
    return opened;
  }

  const rowOrder = (page: Page) => page.$$eval('#matrix-rows > tr', (rows) => rows.map((r) => r.getAttribute('data-authority')));

  it('loads from disk without a request anywhere else and without errors', async () => {
    const { page, requests, errors } = await open(release);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows in the matrix exactly the roles of data/memberships.json, each in its row and column', async () => {
    const { page } = await open(release);
    const published = JSON.parse(readFileSync(path.join(release, 'data/memberships.json'), 'utf8')) as Membership[];
    const cells = await page.$$eval('#matrix-rows > tr > td.cell', (tds) =>
      tds.map((td) => ({ row: td.closest('tr')?.getAttribute('data-authority'), forum: td.getAttribute('data-forum'), role: td.getAttribute('data-role'), text: td.textContent?.trim() ?? '' })),
    );
    const filled = cells.filter((c) => c.role !== null);
    expect(filled.map((c) => `${c.forum} ${c.row} ${c.role}`).sort()).toEqual(published.map((m) => `${m.forumId} ${m.authorityId} ${m.role}`).sort());
    expect(cells.filter((c) => c.role === null && c.text !== '')).toEqual([]);
    // The cell reads as the role (network-member → "network member"), not only as an attribute.
    for (const c of filled) expect(c.text).toContain((c.role ?? '').replace('-', ' ').replace(/^lead$/u, 'lead authority'));
    const columns = await page.$$eval('table.matrix thead th.forum', (ths) => ths.map((th) => th.getAttribute('data-forum')));
    expect(columns).toEqual(dataset.forums.map((f) => f.id));
    expect(cells).toHaveLength(dataset.forums.length * dataset.authorities.length);
    await page.close();
  });

  it('sorts the rows by number of forums and back by name with the buttons', async () => {
    const { page } = await open(release);
    const byName = await rowOrder(page);
    expect(byName).toHaveLength(dataset.authorities.length);
    expect(byName[0]).toBe('arbetsformedlingen');
    expect(byName.at(-1)).toBe('aklagarmyndigheten'); // Åklagarmyndigheten: Å comes after Z
    const count = (id: string | null) => dataset.memberships.filter((m) => m.authorityId === id).length;
    const expected = [...byName].sort((a, b) => count(b) - count(a) || byName.indexOf(a) - byName.indexOf(b));
    expect(expected).not.toEqual(byName);

    await page.click('#matrix-sort button[data-sort="forums"]');
    expect(await rowOrder(page)).toEqual(expected);
    expect(await page.getAttribute('#matrix-sort button[data-sort="forums"]', 'aria-pressed')).toBe('true');
    expect(await page.$eval('#matrix-rows > tr:first-child > td.count', (td) => td.textContent)).toBe(String(count(expected[0] ?? null)));

    await page.click('#matrix-sort button[data-sort="name"]');
    expect(await rowOrder(page)).toEqual(byName);
    expect(await page.getAttribute('table.matrix th[data-sort-key="name"]', 'aria-sort')).toBe('ascending');
    await page.close();
  });

  it('links every published file, and every link opens a file of the release', async () => {
    const { page } = await open(release);
    const links = await page.$$eval('#downloads a', (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, raw: a.getAttribute('href') })));
    expect(links.map((l) => l.raw).sort()).toEqual([...jsonFiles(dataset).keys(), ...csvWriter({ dataset, config: testConfig, version: '0.1.0', files: new Map() }).keys()].sort());
    for (const l of links) {
      expect(l.raw).not.toMatch(/^(\/|[a-z]+:)/u);
      expect(existsSync(fileURLToPath(l.href)), l.href).toBe(true);
    }
    await page.close();
  });

  /** What a reader sees of each disagreement, in page order. */
  const shownDisagreements = (page: Page) =>
    page.$$eval('#disagreements article.disagreement', (articles) =>
      articles.map((a) => ({
        id: a.getAttribute('data-cross-check'),
        rule: a.querySelector('.rule')?.textContent,
        forum: a.querySelector('h3 a')?.textContent,
        message: a.querySelector('.message')?.textContent,
        suggestion: a.querySelector('.suggestion')?.textContent,
        participants: Array.from(a.querySelectorAll('.participants-concerned li')).map((li) => li.getAttribute('data-authority')),
        sources: Array.from(a.querySelectorAll('.sources-compared li')).map((li) => li.getAttribute('data-source')),
        newer: Array.from(a.querySelectorAll('.sources-compared li')).filter((li) => li.querySelector('.newer')).map((li) => li.getAttribute('data-source')),
        evidence: Array.from(a.querySelectorAll('.evidence li')).map((li) => li.textContent),
        visible: (a as HTMLElement).innerText,
      })),
    );

  it('shows every disagreement of data/cross-source-checks.json with its sources, the newer marked, and the places in each', async () => {
    const { page, errors } = await open(multi);
    const read = <T,>(file: string) => JSON.parse(readFileSync(path.join(multi, 'data', file), 'utf8')) as T;
    const checks = read<CrossSourceCheck[]>('cross-source-checks.json');
    const sources = new Map(read<Source[]>('sources.json').map((s) => [s.id, s]));
    const forums = new Map(read<Dataset['forums']>('forums.json').map((f) => [f.id, f]));
    expect(checks.map((c) => c.rule).sort()).toEqual(['count-disagreement', 'count-explained-by-other-source', 'participant-missing-in-source', 'participant-missing-in-source']);
    const shown = await shownDisagreements(page);
    expect(shown.map(({ visible, ...rest }) => rest)).toEqual(
      checks.map((c) => ({
        id: c.id,
        rule: c.rule,
        forum: forums.get(c.forumId)?.name.en,
        message: c.message,
        suggestion: c.suggestion,
        participants: c.authorityIds,
        sources: c.sourceIds,
        newer: c.newerSourceId === undefined ? [] : [c.newerSourceId],
        evidence: c.evidence.map((e) => `${e.quote} ${sources.get(e.sourceId)?.path}:${e.start.line}:${e.start.column}`),
      })),
    );
    for (const d of shown) expect(d.visible).toMatch(/\bNEWER\b/u); // the mark reads as a word, not only as a colour
    expect(await page.isVisible('[data-no-disagreements]')).toBe(false);
    // The participant lists: how many of the forum's two pages name each participant, and which on hover.
    const named = await page.$$eval('article.forum td.named-by', (tds) => tds.map((td) => ({ forum: td.closest('article')?.getAttribute('data-forum'), authority: td.closest('tr')?.getAttribute('data-authority'), text: td.textContent, title: td.getAttribute('title') })));
    const memberships = read<Membership[]>('memberships.json');
    expect(named).toHaveLength(memberships.length);
    expect(named.filter((n) => n.text === '1 of 2 sources').map((n) => n.authority).sort()).toEqual(['stralsakerhetsmyndigheten', 'transportstyrelsen']);
    const transport = named.find((n) => n.forum === 'joint-operations-by-authorities-in-sweden-to-combat-organised-crime' && n.authority === 'transportstyrelsen');
    expect(transport?.title).toBe('Named by\nSamverkan mot brott [b.example/samverkan.sv] (2024-02-01): network member');
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(projectRoot, 'test-output', 'landing-page-disagreements.png'), fullPage: true });
    await page.close();
  });

  it('has as many disagreements as the project release holds, and says so when there are none', async () => {
    const { page } = await open(release);
    const checks = JSON.parse(readFileSync(path.join(release, 'data/cross-source-checks.json'), 'utf8')) as CrossSourceCheck[];
    expect((await shownDisagreements(page)).map((d) => d.id)).toEqual(checks.map((c) => c.id));
    expect(await page.isVisible('[data-no-disagreements]')).toBe(checks.length === 0);
    if (checks.length === 0) expect(await page.textContent('[data-no-disagreements]')).toBe('No disagreements between sources.');
    await page.close();
  });

  it('marks the superseded version in the sources table and links it to the newer one', async () => {
    const { page } = await open(hostile);
    const rows = await page.$$eval('table.sources tbody tr', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-source'), note: tr.querySelector('.superseded-note')?.textContent ?? null })));
    expect(rows).toEqual([
      { id: 'evil', note: null },
      { id: 'good', note: null },
      { id: 'good.2023', note: 'older version, superseded by good (updated 2024-06-30)' },
    ]);
    await page.click('tr.superseded .superseded-note a');
    expect(await page.evaluate(() => [location.hash, document.querySelector(':target')?.getAttribute('data-source')])).toEqual(['#source-good', 'good']);
    await page.close();
  });

  it('runs nothing from hostile data, shows it as text, and does not link a javascript: URL', async () => {
    const { page, requests, errors } = await open(hostile);
    // hover the suggestion too: its text carries an onmouseover
    await page.hover('#disagreements .suggestion');
    const globals = await page.evaluate(() => ['__x', '__y', '__z', '__w', '__v'].map((k) => typeof (window as unknown as Record<string, unknown>)[k]));
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
    const text = await page.evaluate(() => document.body.innerText);
    for (const value of [HOSTILE.authorityName, HOSTILE.forumName, HOSTILE.sourceUrl, HOSTILE.sourceTitle, HOSTILE.quote, HOSTILE.suggestion]) expect(text).toContain(value);
    const protocols = await page.$$eval('a', (as) => [...new Set(as.map((a) => new URL((a as HTMLAnchorElement).href).protocol))].sort());
    expect(protocols).toEqual(['file:', 'https:', 'mailto:']);
    const urlText = page.locator('code.url', { hasText: HOSTILE.sourceUrl });
    expect(await urlText.count()).toBeGreaterThan(0);
    expect(await urlText.evaluateAll((els) => els.filter((el) => el.closest('a')).length)).toBe(0);
    expect(await page.$$eval('img, svg, body script:not(:last-of-type)', (els) => els.length)).toBe(0);
    expect(await page.$$eval('script', (els) => els.length)).toBe(1);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads well: screenshots for a person to look at (test-output/, git-ignored)', async () => {
    const out = path.join(projectRoot, 'test-output');
    mkdirSync(out, { recursive: true });
    const desktop = await open(release);
    await desktop.page.screenshot({ path: path.join(out, 'landing-page.png'), fullPage: true });
    // Nothing wider than the screen on a phone except inside the scrolling table boxes.
    const phone = await open(release, { width: 390, height: 844 });
    await phone.page.screenshot({ path: path.join(out, 'landing-page-phone.png'), fullPage: true });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.emulateMedia({ media: 'print' });
    expect(await phone.page.isVisible('#matrix-sort')).toBe(false);
    await desktop.page.close();
    await phone.page.close();
  });
});
