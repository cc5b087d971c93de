// Phrasings found missing by probe pages written for the purpose (forums read from verbs of
// composition, secretariats, seasons before years, table rows in HTML, a count sentence before
// its list). Each page here is a few sentences in our own words about invented forums.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/build.js';
import { buildPages } from '../helpers/pipeline.js';
import { membershipLines, messageLines, NAME_RULES } from './helpers.js';

/** Build one page saved as `pages/test/page.<language>.<ext>`: Markdown with front matter, HTML with a sidecar. */
async function buildPage(language: 'en' | 'sv', ext: 'md' | 'html', body: string): Promise<BuildResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-phrasings-'));
  const rel = `pages/test/page.${language}.${ext}`;
  try {
    await mkdir(path.join(dir, 'pages', 'test'), { recursive: true });
    const meta = `url: https://example.org/page\nlanguage: ${language}\n`;
    if (ext === 'md') await writeFile(path.join(dir, rel), `---\n${meta}---\n\n${body}`);
    else {
      await writeFile(path.join(dir, rel), body);
      await writeFile(path.join(dir, `${rel}.meta.yaml`), meta);
    }
    return await buildPages(dir, [rel]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const forum = (r: BuildResult, id: string) => r.dataset.forums.find((f) => f.id === id);

describe('English phrasings', () => {
  it('reads the members of a forum from a verb of composition, with no group noun before it', async () => {
    const r = await buildPage(
      'en',
      'md',
      [
        '# Our networks',
        '## Harbour Ledger Network',
        'The network is made up of the Swedish Gambling Authority, Swedish Customs and the Swedish Enforcement Authority.',
        '## Quay Council',
        'The Quay Council comprises the Swedish Tax Agency, the Swedish Police Authority and the Swedish Migration Agency.',
        '## Pier Group',
        'The Pier Group is composed of the Swedish Coast Guard and the Swedish Prosecution Authority.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'harbour-ledger-network')).toEqual(['kronofogdemyndigheten member', 'spelinspektionen member', 'tullverket member']);
    expect(membershipLines(r, 'quay-council')).toEqual(['migrationsverket member', 'polismyndigheten member', 'skatteverket member']);
    expect(membershipLines(r, 'pier-group')).toEqual(['aklagarmyndigheten member', 'kustbevakningen member']);
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });

  it('reads a secretariat as the coordinator, a member added with "also", and seasons before years', async () => {
    const r = await buildPage(
      'en',
      'md',
      [
        '# Cooperation',
        '## Dockside Forum',
        'The Dockside Forum was set up in spring 2016. It is made up of the Swedish Tax Agency, the Swedish Police Authority and Swedish Customs. The secretariat is at the Swedish Tax Agency. Since autumn 2019, the Swedish Economic Crime Authority has also been a member of the forum.',
        '## Canal Watch',
        'Canal Watch has been active since 2018 and runs until the end of 2026. It is led by the Swedish Coast Guard together with Swedish Customs.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'dockside-forum')).toEqual(['ekobrottsmyndigheten member since 2019', 'polismyndigheten member', 'skatteverket coordinator', 'tullverket member']);
    expect(forum(r, 'dockside-forum')?.startYear).toBe(2016);
    expect([forum(r, 'canal-watch')?.startYear, forum(r, 'canal-watch')?.endYear]).toEqual([2018, 2026]);
  });

  it('counts the list that follows a sentence stating how many take part, full stop and all', async () => {
    const r = await buildPage('en', 'md', ['# Groups', '## Ferry Group', 'The Ferry Group has four member authorities.', '- Swedish Customs\n- the Swedish Police Authority\n- the Swedish Coast Guard\n- the Swedish Tax Agency'].join('\n\n'));
    expect(membershipLines(r, 'ferry-group')).toHaveLength(4);
    expect(r.dataset.countChecks.map((c) => `${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['4 4 consistent']);
  });

  it('counts, with a count stated apart from the list, the members the section named before it', async () => {
    const r = await buildPage(
      'en',
      'md',
      [
        '# Councils',
        '## Tide Council',
        'The Swedish Coast Guard, Swedish Customs, the Swedish Tax Agency and the Swedish Police Authority work together in the Tide Council. Since 2019, the Swedish Prosecution Authority has also been a member. A total of five authorities now sit on the council.',
        '## Shoal Council',
        'The Shoal Council was set up on the initiative of the County Administrative Board of Stockholm. Participating agencies include:',
        '- Swedish Customs\n- the Swedish Tax Agency\n- the Swedish Police Authority',
        'The four authorities behind the council meet every month. Since 2022 the Swedish Coast Guard also takes part.',
      ].join('\n\n'),
    );
    const checks = (forumId: string) => r.dataset.countChecks.filter((c) => c.forumId === forumId).map((c) => `${c.statedCount} ${c.distinctCount} ${c.status}`);
    expect(checks('tide-council')).toEqual(['5 5 consistent']);
    // the Coast Guard, named after the count, is a member but not one of the four
    expect(checks('shoal-council')).toEqual(['4 4 consistent']);
    expect(membershipLines(r, 'shoal-council')).toEqual(['kustbevakningen member since 2022', 'lansstyrelsen-i-stockholms-lan initiator', 'polismyndigheten member', 'skatteverket member', 'tullverket member']);
  });

  it('reads the cells of an HTML table row as separate words, however close the tags', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Cooperation</title></head><body><main>
<h1>Cooperation</h1>
<h2>Estuary Network</h2>
<p>The Estuary Network has three member agencies:</p>
<table><thead><tr><th>Agency</th><th>Since</th></tr></thead><tbody><tr><td>Swedish Customs</td><td>2015</td></tr><tr><td>Swedish Police Authority</td><td>2016</td></tr><tr><td>Swedish Prison and Probation Service</td><td>2017</td></tr></tbody></table>
</main></body></html>`;
    const r = await buildPage('en', 'html', html);
    expect(membershipLines(r, 'estuary-network')).toEqual(['kriminalvarden member', 'polismyndigheten member', 'tullverket member']);
    expect(r.dataset.countChecks.map((c) => `${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['3 3 consistent']);
    // each name's evidence is the cell's text as the file has it
    const quotes = r.dataset.memberships.filter((m) => m.forumId === 'estuary-network').map((m) => m.evidence[0]?.quote).sort();
    expect(quotes).toEqual(['Swedish Customs', 'Swedish Police Authority', 'Swedish Prison and Probation Service']);
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });
});

describe('question headings', () => {
  it('name the forum a "What is …?" heading asks about; another question stays inside its section', async () => {
    const r = await buildPage(
      'en',
      'md',
      [
        '# Cooperation at airports',
        '## What is the Airport Cash Project?',
        'The Airport Cash Project started in 2019 and is led by Swedish Customs.',
        '## Who takes part?',
        'The other members are the Swedish Police Authority and the Swedish Economic Crime Authority.',
      ].join('\n\n'),
    );
    expect(r.dataset.forums.map((f) => f.id)).toEqual(['airport-cash-project']);
    expect(membershipLines(r, 'airport-cash-project')).toEqual(['ekobrottsmyndigheten member', 'polismyndigheten member', 'tullverket lead']);
  });
});

describe('more cues', () => {
  it('reads every name after "set up by", the associated authorities as a group of their own, and no related links', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Cooperation</title></head><body><main>
<h1>Cooperation</h1>
<h2>Working Group on Carousel Fraud</h2>
<p>The working group was set up by the Swedish Tax Agency, Swedish Customs and the Swedish Economic Crime Authority in 2008. Two associated authorities take part as well: the Swedish Enforcement Authority and the Swedish Companies Registration Office.</p>
<div class="related-links"><h3>Related links</h3><ul><li><a href="/a">Swedish Police Authority</a></li><li><a href="/b">Swedish Coast Guard</a></li></ul></div>
</main></body></html>`;
    const r = await buildPage('en', 'html', html);
    expect(membershipLines(r, 'working-group-on-carousel-fraud')).toEqual(['bolagsverket network-member', 'ekobrottsmyndigheten initiator', 'kronofogdemyndigheten network-member', 'skatteverket initiator', 'tullverket initiator']);
    expect(r.dataset.countChecks.map((c) => `${c.group} ${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['network-members 2 2 consistent']);
  });

  it('reads authorities "adjungerade" after their noun as a group of their own', async () => {
    const r = await buildPage('sv', 'md', ['# Samverkan', '## Rådet för säkra farleder', 'Rådet består av Polismyndigheten, Tullverket och Skatteverket. Dessutom är två myndigheter adjungerade: Kustbevakningen och Kriminalvården.'].join('\n\n'));
    expect(membershipLines(r, 'radet-for-sakra-farleder')).toEqual(['kriminalvarden network-member', 'kustbevakningen network-member', 'polismyndigheten member', 'skatteverket member', 'tullverket member']);
    expect(r.dataset.countChecks.map((c) => `${c.group} ${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['network-members 2 2 consistent']);
  });

  it('reads Swedish past tenses: "leddes av", "samordnades av", "deltog", "pågick från"', async () => {
    const r = await buildPage(
      'sv',
      'md',
      [
        '# Avslutade samarbeten',
        '## Projektet mot momsbedrägerier',
        'Projektet pågick från 2017 och avslutades 2022. Det leddes av Skatteverket och samordnades av Ekobrottsmyndigheten. Sedan 2018 deltog även Tullverket.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'projektet-mot-momsbedragerier')).toEqual(['ekobrottsmyndigheten coordinator', 'skatteverket lead', 'tullverket member since 2018']);
    const f = forum(r, 'projektet-mot-momsbedragerier');
    expect([f?.startYear, f?.endYear]).toEqual([2017, 2022]);
  });
});

describe('a role beside a listed participant', () => {
  it('reads a role cell of a table row, and a role after a bullet, but not a task', async () => {
    const r = await buildPage(
      'en',
      'md',
      [
        '# Forums',
        '## Lantern Forum',
        'The forum has five members:',
        '| Authority | Role | Joined |\n| --- | --- | --- |\n| Swedish Economic Crime Authority | Chair | 2016 |\n| Swedish Police Authority | Secretariat | 2016 |\n| Swedish Tax Agency | Member | 2018 |\n| Swedish Customs | Leads the work on fuel fraud | 2018 |\n| Financial Supervisory Authority | Member | 2020 |',
        '## Beacon Group',
        'The members of the group are:',
        '- Swedish Coast Guard (lead agency)\n- Swedish Customs – coordination and secretariat\n- the Swedish Police Authority, which leads the inspections at sea',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'lantern-forum')).toEqual(['ekobrottsmyndigheten lead', 'finansinspektionen member', 'polismyndigheten coordinator', 'skatteverket member', 'tullverket member']);
    expect(r.dataset.countChecks.filter((c) => c.forumId === 'lantern-forum').map((c) => `${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['5 5 consistent']);
    expect(membershipLines(r, 'beacon-group')).toEqual(['kustbevakningen lead', 'polismyndigheten member', 'tullverket coordinator']);
  });

  it('reads "Ordförande" and "Leder och samordnar" in Swedish table cells, and "Leder förundersökningar" as a task', async () => {
    const html = `<!doctype html><html lang="sv"><head><title>Samverkan</title></head><body><main>
<h1>Samverkan</h1>
<h2>Gruppen mot fakturafusk</h2>
<p>Följande myndigheter ingår:</p>
<table><tr><th>Myndighet</th><th>Uppgift</th></tr><tr><td>Ekobrottsmyndigheten</td><td>Leder och samordnar</td></tr><tr><td>Åklagarmyndigheten</td><td>Leder förundersökningar</td></tr><tr><td>Bolagsverket</td><td>Sekretariat</td></tr></table>
</main></body></html>`;
    const r = await buildPage('sv', 'html', html);
    expect(membershipLines(r, 'gruppen-mot-fakturafusk')).toEqual(['aklagarmyndigheten member', 'bolagsverket coordinator', 'ekobrottsmyndigheten lead']);
  });
});

describe('evidence in HTML', () => {
  it('points at the names after an &amp; in the same text, quoting the file as saved', async () => {
    const html = `<!doctype html><html lang="sv"><head><title>Samverkan</title></head><body><main>
<h1>Samverkan</h1>
<h2>Rådet för tull &amp; hamn</h2>
<p>Rådet för tull &amp; hamn bildades 2016 på initiativ av Tullverket. Rådet består av Tullverket, Polismyndigheten och Kustbevakningen.</p>
</main></body></html>`;
    const r = await buildPage('sv', 'html', html);
    const line = html.split('\n')[3] as string;
    const places = r.dataset.memberships.flatMap((m) => m.evidence.map((e) => `${e.start.line}:${e.start.column} ${e.quote}`)).sort();
    const at = (name: string, from = 0) => `4:${line.indexOf(name, from) + 1} ${name}`;
    expect(places).toEqual([at('Kustbevakningen'), at('Polismyndigheten'), at('Tullverket'), at('Tullverket', line.indexOf('består'))].sort());
    expect(r.dataset.forums[0]?.name).toMatchObject({ sv: 'Rådet för tull & hamn' });
  });
});

describe('lists as some HTML pages write them', () => {
  it('reads a definition list as members with the roles its terms give', async () => {
    const html = `<!doctype html><html lang="sv"><head><title>Samverkan</title></head><body><main>
<h1>Samverkan</h1>
<h2>Skuldnätverket</h2>
<p>Skuldnätverket startade 2020. I nätverket ingår fem myndigheter:</p>
<dl><dt>Ordförande</dt><dd>Kronofogdemyndigheten</dd><dt>Sekretariat</dt><dd>Skatteverket</dd><dt>Övriga medlemmar</dt><dd><ul><li>Ekobrottsmyndigheten</li><li>Polismyndigheten</li></ul></dd><dd>Försäkringskassan</dd></dl>
</main></body></html>`;
    const r = await buildPage('sv', 'html', html);
    expect(membershipLines(r, 'skuldnatverket')).toEqual(['ekobrottsmyndigheten member', 'forsakringskassan member', 'kronofogdemyndigheten lead', 'polismyndigheten member', 'skatteverket coordinator']);
    expect(r.dataset.countChecks.map((c) => `${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['5 5 consistent']);
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });

  it('reads lines parted by <br> as a list, and items that only label inner lists as one list', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Cooperation</title></head><body><main>
<h1>Cooperation</h1>
<h2>Invoice Watch</h2>
<p>Invoice Watch started in 2020. Three authorities are in the group:<br>
Swedish Tax Agency<br>
Swedish Enforcement Authority<br>
Swedish Economic Crime Authority</p>
<h2>Labour Crime Network</h2>
<p>The network is coordinated by the Swedish Migration Agency. Its participants:</p>
<ul><li>State authorities<ul><li>Swedish Police Authority</li><li>Swedish Tax Agency</li></ul></li><li>Others<ul><li>municipal social services</li></ul></li></ul>
</main></body></html>`;
    const r = await buildPage('en', 'html', html);
    expect(membershipLines(r, 'invoice-watch')).toEqual(['ekobrottsmyndigheten member', 'kronofogdemyndigheten member', 'skatteverket member']);
    expect(r.dataset.countChecks.map((c) => `${c.forumId} ${c.statedCount} ${c.distinctCount} ${c.status}`)).toEqual(['invoice-watch 3 3 consistent']);
    expect(membershipLines(r, 'labour-crime-network')).toEqual(['migrationsverket coordinator', 'municipal-social-services member', 'polismyndigheten member', 'skatteverket member']);
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });
});

describe('HTML pages without <main>', () => {
  it('keep the sections of sibling blocks and accordions together, and leave the menus out', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Councils</title></head><body>
<div class="layout">
<div class="menu"><ul><li><a href="/a">Swedish Tax Agency</a></li><li><a href="/b">Swedish Migration Agency</a></li><li><a href="/c">About us</a></li></ul></div>
<div class="content"><div class="inner">
<h1>Our councils</h1>
<div class="block"><h2>Quay Council</h2><p>The Quay Council is led by the Swedish Coast Guard. The other members are Swedish Customs and the Swedish Police Authority.</p></div>
<details><summary>Pier Network</summary><div class="body"><p>The Pier Network is coordinated by Swedish Customs. It is made up of Swedish Customs, the Swedish Security Service and the Swedish Enforcement Authority.</p></div></details>
<details><summary><h2>Dock Group</h2></summary><p>The Dock Group is made up of the Swedish Prosecution Authority and the Swedish Economic Crime Authority.</p></details>
</div></div>
</div></body></html>`;
    const r = await buildPage('en', 'html', html);
    expect(r.dataset.forums.map((f) => f.id).sort()).toEqual(['dock-group', 'pier-network', 'quay-council']);
    expect(membershipLines(r, 'quay-council')).toEqual(['kustbevakningen lead', 'polismyndigheten member', 'tullverket member']);
    expect(membershipLines(r, 'pier-network')).toEqual(['kronofogdemyndigheten member', 'sakerhetspolisen member', 'tullverket coordinator']);
    expect(membershipLines(r, 'dock-group')).toEqual(['aklagarmyndigheten member', 'ekobrottsmyndigheten member']);
  });
});

describe('names the registry does not know', () => {
  it('include an abbreviation the page gave in brackets after a registry name, however the registry spells it', async () => {
    const r = await buildPage(
      'sv',
      'md',
      [
        '# Samverkan',
        '## Rådet för trygga torg',
        'Rådet består av Brottsförebyggande rådet (Brå), Polismyndigheten och Tullverket.',
        '## Arbetsgruppen för trygga hamnar',
        'Arbetsgruppen består av Brå, Kustbevakningen och Skatteverket.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'arbetsgruppen-for-trygga-hamnar')).toEqual(['brottsforebyggande-radet member', 'kustbevakningen member', 'skatteverket member']);
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });

  it('stop at a table cell, and are reported once however many facts name them', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Cooperation</title></head><body><main>
<h1>Cooperation</h1>
<h2>Reef Network</h2>
<p>The Reef Network has three member agencies:</p>
<table><tr><th>Agency</th><th>Role</th></tr><tr><td>Swedish Customs</td><td>Chair</td></tr><tr><td>Swedish Agency for Reef Safety</td><td>Member</td></tr><tr><td>Swedish Coast Guard</td><td>Member</td></tr></table>
</main></body></html>`;
    const r = await buildPage('en', 'html', html);
    expect(membershipLines(r, 'reef-network')).toEqual(['kustbevakningen member', 'swedish-agency-for-reef-safety member', 'tullverket lead']);
    const warnings = r.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'unresolved-name').map((m) => `${m.line}:${m.column} ${m.reason}`));
    expect(warnings).toEqual(['5:100 Unexpected name `Swedish Agency for Reef Safety`, expected an authority in the registry or an alias; kept as an unresolved authority']);
  });
});

describe('a registry name that the text goes on from', () => {
  it('is the start of a longer name: resolved with a warning, and the list goes on after it', async () => {
    const text = 'The Airport Group is made up of the Swedish Tax Agency, Police Region Stockholm and Swedish Customs.';
    const r = await buildPage('en', 'md', ['# Groups', '## Airport Group', text].join('\n\n'));
    expect(membershipLines(r, 'airport-group')).toEqual(['polismyndigheten member', 'skatteverket member', 'tullverket member']);
    const warnings = r.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'partial-name-match').map((m) => `${m.column} ${m.reason}`));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${text.indexOf('Police Region') + 1} Unexpected name \`Police Region Stockholm\`, expected a registry name: resolved by the name \`[^\`]+\` it starts with to Polismyndigheten`));
  });
});

describe('Swedish phrasings', () => {
  it('reads the members from "består av", "I … ingår" and "utgörs av"', async () => {
    const r = await buildPage(
      'sv',
      'md',
      [
        '# Vår samverkan',
        '## Rådet för hamnkontroll',
        'Rådet består av Tullverket, Skatteverket och Kustbevakningen.',
        '## Gruppen mot fakturabedrägerier',
        'I gruppen ingår Ekobrottsmyndigheten, Bolagsverket och Kronofogdemyndigheten.',
        '## Nätverket mot spelfusk',
        'Nätverket utgörs av Spelinspektionen, Polismyndigheten och Finansinspektionen.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'radet-for-hamnkontroll')).toEqual(['kustbevakningen member', 'skatteverket member', 'tullverket member']);
    expect(membershipLines(r, 'gruppen-mot-fakturabedragerier')).toEqual(['bolagsverket member', 'ekobrottsmyndigheten member', 'kronofogdemyndigheten member']);
    expect(membershipLines(r, 'natverket-mot-spelfusk')).toEqual(['finansinspektionen member', 'polismyndigheten member', 'spelinspektionen member']);
  });

  it('takes a city ("Göteborgs stad") as a municipal participant, not an unknown authority', async () => {
    const r = await buildPage('sv', 'md', ['# Samverkan', '## Rådet för trygga kajer', 'Rådet består av Polismyndigheten, Tullverket och Göteborgs stad.'].join('\n\n'));
    expect(membershipLines(r, 'radet-for-trygga-kajer')).toEqual(['goteborgs-stad member', 'polismyndigheten member', 'tullverket member']);
    expect(r.dataset.authorities.find((a) => a.id === 'goteborgs-stad')?.kind).toBe('municipal');
    expect(messageLines(r, NAME_RULES)).toEqual([]);
  });

  it('names the forum of an "Om …" section after the page title, beside another forum of the page', async () => {
    const r = await buildPage(
      'sv',
      'md',
      [
        '# Gemensam insats mot firmakapning',
        '## Om insatsen',
        'Den gemensamma insatsen mot firmakapning startade 2021 och leds av Bolagsverket. I insatsen ingår även Skatteverket och Polismyndigheten.',
        '## Arbetsgruppen för postombud',
        'Arbetsgruppen består av Tullverket, Polismyndigheten och Post- och telestyrelsen.',
      ].join('\n\n'),
    );
    expect(r.dataset.forums.map((f) => f.id).sort()).toEqual(['arbetsgruppen-for-postombud', 'gemensam-insats-mot-firmakapning']);
    expect(membershipLines(r, 'gemensam-insats-mot-firmakapning')).toEqual(['bolagsverket lead', 'polismyndigheten member', 'skatteverket member']);
  });

  it('reads "Ordförande är", "sekretariatet finns hos", "håller i arbetet", seasons and "vid utgången av"', async () => {
    const r = await buildPage(
      'sv',
      'md',
      [
        '# Samverkan',
        '## Rådet mot gränsbrott',
        'Rådet bildades hösten 2016 och pågår till utgången av 2027. Rådet består av Tullverket, Polismyndigheten och Kustbevakningen. Ordförande är Tullverket och sekretariatet finns hos Polismyndigheten. Sedan våren 2020 deltar även Kriminalvården.',
        '## Gruppen för fartygskontroll',
        'Kustbevakningen håller i arbetet. Gruppen består av Kustbevakningen, Sjöfartsverket och Transportstyrelsen.',
      ].join('\n\n'),
    );
    expect(membershipLines(r, 'radet-mot-gransbrott')).toEqual(['kriminalvarden member since 2020', 'kustbevakningen member', 'polismyndigheten coordinator', 'tullverket lead']);
    expect([forum(r, 'radet-mot-gransbrott')?.startYear, forum(r, 'radet-mot-gransbrott')?.endYear]).toEqual([2016, 2027]);
    expect(membershipLines(r, 'gruppen-for-fartygskontroll')).toEqual(['kustbevakningen lead', 'sjofartsverket member', 'transportstyrelsen member']);
  });
});
