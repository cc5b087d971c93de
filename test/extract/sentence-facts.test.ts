// Facts read from sentences, through the whole pipeline on small pages written for these tests.
import { describe, expect, it } from 'vitest';
import { NAME_RULES, buildMarkdown, membershipLines, messageLines } from './helpers.js';

/** A page with one forum section under `## <heading>`. */
const page = (heading: string, ...paragraphs: string[]) => ['# Our cooperation', '', `## ${heading}`, '', ...paragraphs.flatMap((p) => [p, '']), ''].join('\n');

describe('roles', () => {
  it('reads "led by" as the lead and "the other members are" as members', async () => {
    const result = await buildMarkdown(page('Harbour Crime Council', 'The council is led by the Swedish Customs. The other members are the Swedish Coast Guard and the Swedish Police Authority.'));
    expect(membershipLines(result, 'harbour-crime-council')).toEqual(['kustbevakningen member', 'polismyndigheten member', 'tullverket lead']);
    const lead = result.dataset.memberships.find((m) => m.role === 'lead');
    expect(lead?.evidence.map((e) => e.quote)).toEqual(['Swedish Customs']);
    // every name resolved, no list item rejected
    expect(messageLines(result, NAME_RULES)).toEqual([]);
  });

  it('reads "coordinated by" as the coordinator', async () => {
    const result = await buildMarkdown(page('Fraud Network', 'The Fraud Network is coordinated by the Swedish Economic Crime Authority. The Swedish Tax Agency and the Swedish Customs take part as members.'));
    expect(membershipLines(result, 'fraud-network')).toEqual(['ekobrottsmyndigheten coordinator', 'skatteverket member', 'tullverket member']);
  });

  it('reads "X leads the work together with three other authorities: A, B and C" as a lead and a consistent relative count', async () => {
    const result = await buildMarkdown(
      page(
        'Labour Crime Forum',
        'The Swedish Police Authority leads the work together with three other authorities: the Swedish Tax Agency, the Swedish Work Environment Authority and the Swedish Migration Agency.',
      ),
    );
    expect(membershipLines(result, 'labour-crime-forum')).toEqual(['arbetsmiljoverket member', 'migrationsverket member', 'polismyndigheten lead', 'skatteverket member']);
    const [check, ...more] = result.dataset.countChecks;
    expect(more).toEqual([]);
    expect(check).toMatchObject({
      id: 'labour-crime-forum--members--3',
      group: 'members',
      statedCount: 3,
      statedText: 'three other authorities',
      listedCount: 3,
      distinctCount: 3,
      duplicates: [],
      status: 'consistent',
    });
    expect(check?.listEvidence.map((e) => e.quote)).toEqual(['the Swedish Tax Agency, the Swedish Work Environment Authority and the Swedish Migration Agency']);
  });

  it('counts the lead in a group introduced as "the other …" when the count is of all members', async () => {
    const result = await buildMarkdown(
      page(
        'Harbour Group',
        'The group is led by the Swedish Customs. The other members are the Swedish Coast Guard, the Swedish Police Authority and the Swedish Tax Agency. In total, the group has four members.',
      ),
    );
    expect(result.dataset.countChecks.map((c) => [c.statedText, c.listedCount, c.distinctCount, c.status])).toEqual([['four members', 4, 4, 'consistent']]);
  });
});

describe('dates', () => {
  it('reads "launched by … in December 2019" as the initiator and a start month', async () => {
    const result = await buildMarkdown(
      page('Harbour Crime Council', 'The council was launched by the Swedish Coast Guard in December 2019. The participating authorities are the Swedish Customs and the Swedish Police Authority.'),
    );
    const forum = result.dataset.forums[0];
    expect([forum?.startYear, forum?.startDate, forum?.endYear]).toEqual([2019, '2019-12', undefined]);
    expect(forum?.startEvidence?.map((e) => e.quote)).toEqual(['December 2019']);
    expect(membershipLines(result, 'harbour-crime-council')).toEqual(['kustbevakningen initiator', 'polismyndigheten member', 'tullverket member']);
  });

  it('reads "As of 2013, X has taken part" as membership since 2013', async () => {
    const result = await buildMarkdown(page('Dock Group', 'As of 2013, the Swedish Customs has taken part in the Dock Group, which is led by the Swedish Police Authority.'));
    expect(membershipLines(result, 'dock-group')).toEqual(['polismyndigheten lead', 'tullverket member since 2013']);
    const customs = result.dataset.memberships.find((m) => m.authorityId === 'tullverket');
    expect(customs?.sinceEvidence?.map((e) => e.quote)).toEqual(['2013']);
    // a joining year is not the forum's start
    expect(result.dataset.forums[0]?.startYear).toBeUndefined();
  });

  it('gives each joining year to the participant of its own clause', async () => {
    const result = await buildMarkdown(
      page('Harbour Group', 'The group is led by the Swedish Police Authority. The Swedish Customs has taken part since 2015 and the Swedish Tax Agency has taken part since 2018.'),
    );
    expect(membershipLines(result, 'harbour-group')).toEqual(['polismyndigheten lead', 'skatteverket member since 2018', 'tullverket member since 2015']);
  });

  it('reads a period "2019–2021" as start and end years', async () => {
    const result = await buildMarkdown(page('Welfare Project', 'The Swedish Tax Agency and the Swedish Pensions Agency ran a joint project in 2019–2021.'));
    const forum = result.dataset.forums[0];
    expect([forum?.id, forum?.startYear, forum?.startDate, forum?.endYear]).toEqual(['welfare-project', 2019, '2019', 2021]);
    expect(forum?.startEvidence?.map((e) => e.quote)).toEqual(['2019–2021']);
    expect(forum?.endEvidence?.map((e) => e.quote)).toEqual(['2019–2021']);
    expect(membershipLines(result, 'welfare-project')).toEqual(['pensionsmyndigheten member', 'skatteverket member']);
  });

  it('reads "from 2016 to 2018" as a period too', async () => {
    const result = await buildMarkdown(page('Harbour Group', 'The group, led by the Swedish Police Authority, ran from 2016 to 2018. Members were the Swedish Customs and the Swedish Tax Agency.'));
    const forum = result.dataset.forums[0];
    expect([forum?.startYear, forum?.endYear]).toEqual([2016, 2018]);
  });

  it('reads an end verb in a sentence of its own as the end year', async () => {
    const result = await buildMarkdown(
      page('Harbour Group', 'The group started in 2016. It was wound up in 2020. It was led by the Swedish Police Authority together with the Swedish Customs.'),
    );
    const forum = result.dataset.forums[0];
    expect([forum?.startYear, forum?.endYear]).toEqual([2016, 2020]);
    expect(forum?.endEvidence?.map((e) => e.quote)).toEqual(['2020']);
  });
});

describe('counts and groups', () => {
  const networkNames = [
    'the Swedish Tax Agency',
    'the Swedish Prosecution Authority',
    'the Swedish Economic Crime Authority',
    'the Swedish Enforcement Authority',
    'the Swedish Pensions Agency',
    'the Swedish Transport Agency',
    'the Swedish Work Environment Authority',
    'the Swedish Companies Registration Office',
    'the Swedish Migration Agency',
    'the Swedish Armed Forces',
    'the Swedish Board of Agriculture',
    'the Swedish Environmental Protection Agency',
    'the Swedish Security Service',
  ];

  it('reads "A further 13 authorities take part as network authorities: …" as the network group with its count', async () => {
    const list = `${networkNames.slice(0, -1).join(', ')} and ${networkNames.at(-1)}`;
    const result = await buildMarkdown(
      page(
        'Border Crime Network',
        'The Border Crime Network is led by the Swedish Customs. Its members are the Swedish Customs, the Swedish Police Authority and the Swedish Coast Guard.',
        `A further 13 authorities take part as network authorities: ${list}.`,
      ),
    );
    const lines = membershipLines(result, 'border-crime-network');
    expect(lines.filter((l) => l.endsWith(' network-member'))).toHaveLength(13);
    expect(lines.filter((l) => !l.endsWith(' network-member'))).toEqual(['kustbevakningen member', 'polismyndigheten member', 'tullverket lead']);
    expect(result.dataset.countChecks.map((c) => [c.id, c.group, c.statedCount, c.statedText, c.listedCount, c.distinctCount, c.status])).toEqual([
      ['border-crime-network--network-members--13', 'network-members', 13, 'A further 13 authorities', 13, 13, 'consistent'],
    ]);
    const evidence = result.dataset.countChecks[0]?.evidence[0];
    // front matter (4 lines), blank, title, blank, heading, blank, first paragraph, blank: line 12
    expect([evidence?.start.line, evidence?.start.column, evidence?.quote]).toEqual([12, 1, 'A further 13 authorities']);
  });

  it('reads a list of bullets introduced by a sentence ending in a colon, and a count in another sentence', async () => {
    const result = await buildMarkdown(
      page('Harbour Group', 'Seven authorities are represented in the group. The members of the group are:', '- the Swedish Customs\n- the Swedish Coast Guard\n- the Swedish Police Authority'),
    );
    expect(membershipLines(result, 'harbour-group')).toEqual(['kustbevakningen member', 'polismyndigheten member', 'tullverket member']);
    expect(result.dataset.countChecks.map((c) => [c.statedText, c.listedCount, c.status])).toEqual([['Seven authorities', 3, 'mismatch']]);
    expect(result.dataset.countChecks[0]?.listEvidence[0]?.quote).toBe('the Swedish Customs\n- the Swedish Coast Guard\n- the Swedish Police Authority');
  });

  it('does not count "more than 40 authorities"', async () => {
    const result = await buildMarkdown(page('Harbour Group', 'More than 40 authorities work against smuggling. The group is led by the Swedish Customs together with the Swedish Coast Guard.'));
    expect(result.dataset.countChecks).toEqual([]);
    expect(membershipLines(result, 'harbour-group')).toEqual(['kustbevakningen member', 'tullverket lead']);
  });

  it('reads "twenty-one authorities" as 21 and keeps the words as stated', async () => {
    const result = await buildMarkdown(page('Harbour Group', 'Twenty-one authorities take part in the group, which is led by the Swedish Customs.'));
    expect(result.dataset.countChecks.map((c) => [c.statedCount, c.statedText, c.status])).toEqual([[21, 'Twenty-one authorities', 'unverifiable']]);
  });
});
