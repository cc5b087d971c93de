import { describe, expect, it } from 'vitest';
import { forumName } from '../../pipeline/extract/forum.js';
import { NAME_RULES, buildMarkdown, membershipLines, messageLines } from './helpers.js';

describe('forumName', () => {
  it('takes an acronym in parentheses at the end out of the name', () => {
    expect(forumName('National Method Support against Prostitution and Human Trafficking (NMT)')).toEqual({
      name: 'National Method Support against Prostitution and Human Trafficking',
      acronym: 'NMT',
    });
    expect(forumName('Harbour Group (HG2)')).toEqual({ name: 'Harbour Group', acronym: 'HG2' });
  });

  it('takes an all-capitals word as the acronym and keeps it in the name', () => {
    expect(forumName('MUR Initiative')).toEqual({ name: 'MUR Initiative', acronym: 'MUR' });
  });

  it('cuts a subtitle after a dash or a colon', () => {
    expect(forumName('The MUR Initiative – increasing the resilience of paying agencies')).toEqual({ name: 'MUR Initiative', acronym: 'MUR' });
    expect(forumName('Harbour Group - a council against smuggling')).toEqual({ name: 'Harbour Group' });
    expect(forumName('Harbour Group — since 2015')).toEqual({ name: 'Harbour Group' });
    expect(forumName('Harbour Group: a council against smuggling')).toEqual({ name: 'Harbour Group' });
    expect(forumName('Regional Intelligence Centre (RIC) – west')).toEqual({ name: 'Regional Intelligence Centre', acronym: 'RIC' });
  });

  it('keeps a hyphen inside a word', () => {
    expect(forumName('Counter-Terrorism Cooperation Council')).toEqual({ name: 'Counter-Terrorism Cooperation Council' });
  });

  it('drops a leading "The" (or Swedish "Den", "Det") in any case', () => {
    expect(forumName('The Harbour Group')).toEqual({ name: 'Harbour Group' });
    expect(forumName('the harbour group')).toEqual({ name: 'harbour group' });
    expect(forumName('Det nationella rådet')).toEqual({ name: 'nationella rådet' });
    // "Theft" only starts with the letters
    expect(forumName('Theft Prevention Council')).toEqual({ name: 'Theft Prevention Council' });
  });

  it('trims white space and gives nothing for an empty heading', () => {
    expect(forumName('   Harbour Group   ')).toEqual({ name: 'Harbour Group' });
    expect(forumName('   ')).toBeUndefined();
  });
});

describe('sections that are and are not forums', () => {
  it('does not make a forum of an introduction that mentions the police in passing', async () => {
    const result = await buildMarkdown(
      [
        '# Reporting suspected crime',
        '',
        'The Swedish Tax Agency sometimes discovers crimes during an audit. When that happens, we report what we found to the police, who decide whether to open a preliminary investigation.',
        '',
        '## Opening hours',
        '',
        'Our offices are open on weekdays.',
        '',
      ].join('\n'),
    );
    expect(result.dataset.forums).toEqual([]);
    expect(result.dataset.memberships).toEqual([]);
    expect(messageLines(result, NAME_RULES)).toEqual(['-:- page-without-forums']);
  });

  it('makes a forum of a section that names a lead and members, under its heading', async () => {
    const result = await buildMarkdown(
      [
        '# Our cooperation',
        '',
        'We report crimes to the police.',
        '',
        '## The Harbour Crime Council (HCC)',
        '',
        'The council is led by the Swedish Customs. The other members are the Swedish Coast Guard and the Swedish Police Authority.',
        '',
      ].join('\n'),
    );
    expect(result.dataset.forums.map((f) => [f.id, f.name, f.acronym])).toEqual([['harbour-crime-council', { en: 'Harbour Crime Council' }, 'HCC']]);
    expect(result.dataset.forums[0]?.evidence[0]?.quote).toBe('The Harbour Crime Council (HCC)');
    expect(result.dataset.forums[0]?.evidence[0]?.start.line).toBe(10);
    expect(membershipLines(result, 'harbour-crime-council')).toEqual(['kustbevakningen member', 'polismyndigheten member', 'tullverket lead']);
  });
});
