// Hand-made datasets for the landing-page tests: one whose every text tries to break out of the
// HTML, and the publication settings they are published with.
import type { Dataset } from '../../pipeline/build.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import type { Evidence } from '../../schemas/evidence.js';

export const testConfig: PublicationConfig = {
  baseIri: 'https://samverkan.example.org/id/',
  downloadUrl: 'https://samverkan.example.org/dist/',
  landingPage: 'https://samverkan.example.org/dist/index.html',
  name: 'samverkan-test',
  title: { en: 'Test <dataset> & "friends"', sv: 'Testdata för "samverkan" & co' },
  description: { en: "An 'escaped' description <b>not bold</b>", sv: 'En beskrivning på svenska: åäö' },
  keywords: { en: ['test'], sv: ['test'] },
  license: { name: 'CC0-1.0', title: 'Creative Commons Zero v1.0 Universal', path: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  publisher: { name: 'Test publisher', type: 'http://purl.org/adms/publishertype/NonProfitOrganisation', url: 'https://samverkan.example.org/', email: 'data@samverkan.example.org' },
  contact: { name: 'Test contact', email: 'data@samverkan.example.org' },
  contributors: [{ title: 'Test', roles: ['creator'] }],
};

export const HOSTILE = {
  authorityName: '<script>window.__x=1</script>',
  forumName: '<img src=x onerror="window.__y=1">',
  sourceUrl: 'javascript:alert(1)',
  sourceTitle: '"><svg onload="window.__z=1">',
  statedText: '</q><script>window.__w=1</script>',
  quote: 'Tom & Jerry &amp; <i>co</i>',
  suggestion: '<em onmouseover="window.__v=1">add it</em> & "go"',
} as const;

const evidence = (sourceId: string, quote: string, line = 1): Evidence => ({
  sourceId,
  start: { line, column: 5, offset: 4 },
  end: { line, column: 5 + quote.length, offset: 4 + quote.length },
  quote,
});

/**
 * Two forums, three participants: every field a page shows holds markup or a hostile URL. The
 * second source also names the first forum, without one of its participants: a cross-source check;
 * it gives the police another role than the first source does; and an older saved version of it
 * is superseded.
 */
export function hostileDataset(): Dataset {
  return {
    authorities: [
      { id: 'hostile', name: { sv: HOSTILE.authorityName }, otherNames: [], formerNames: [], namesInSources: [HOSTILE.authorityName], kind: 'other', resolved: false },
      { id: 'aklagarmyndigheten', name: { sv: 'Åklagarmyndigheten', en: 'Swedish Prosecution Authority' }, otherNames: [], formerNames: [], namesInSources: [], kind: 'state-agency', resolved: true },
      { id: 'polismyndigheten', name: { sv: 'Polismyndigheten', en: 'Swedish Police Authority' }, otherNames: [], formerNames: [], namesInSources: [], kind: 'state-agency', resolved: true },
    ],
    forums: [
      { id: 'evil-forum', name: { en: HOSTILE.forumName }, acronym: '<b>', commissionedBy: "O'Brien & <Co>", sourceIds: ['evil', 'good'], evidence: [evidence('evil', 'Evil forum'), evidence('good', HOSTILE.forumName, 5)] },
      { id: 'good-forum', name: { en: 'Good forum', sv: 'Bra forum' }, startYear: 2019, startDate: '2019-12', endYear: 2021, sourceIds: ['good'], evidence: [evidence('good', 'Good forum')] },
    ],
    memberships: [
      { forumId: 'evil-forum', authorityId: 'hostile', role: 'lead', evidence: [evidence('evil', HOSTILE.authorityName, 3)], claims: [{ sourceId: 'evil', role: 'lead', date: '2024-05-01' }] },
      {
        forumId: 'evil-forum',
        authorityId: 'polismyndigheten',
        role: 'member',
        since: 2013,
        sinceEvidence: [evidence('evil', '2013')],
        evidence: [evidence('evil', 'the police', 4), evidence('good', 'polisen', 6)],
        claims: [
          { sourceId: 'evil', role: 'partner', since: 2013, date: '2024-05-01' },
          { sourceId: 'good', role: 'member', date: '2024-06-30' },
        ],
      },
      { forumId: 'good-forum', authorityId: 'aklagarmyndigheten', role: 'partner', evidence: [evidence('good', 'prosecutors', 2)], claims: [{ sourceId: 'good', role: 'partner', date: '2024-06-30' }] },
      { forumId: 'good-forum', authorityId: 'polismyndigheten', role: 'coordinator', evidence: [evidence('good', 'police', 2)], claims: [{ sourceId: 'good', role: 'coordinator', date: '2024-06-30' }] },
    ],
    countChecks: [
      {
        id: 'evil-forum--members--3',
        forumId: 'evil-forum',
        sourceId: 'evil',
        group: 'members',
        statedCount: 3,
        statedText: HOSTILE.statedText,
        listedCount: 2,
        distinctCount: 2,
        duplicates: [],
        status: 'mismatch',
        message: 'Expected 3 members as stated, found 2 <distinct>',
        evidence: [evidence('evil', HOSTILE.quote, 7)],
        listEvidence: [evidence('evil', HOSTILE.authorityName, 3)],
      },
    ],
    crossSourceChecks: [
      {
        id: 'evil-forum--participant-missing-in-source--hostile--good',
        forumId: 'evil-forum',
        rule: 'participant-missing-in-source',
        authorityIds: ['hostile'],
        sourceIds: ['evil', 'good'],
        newerSourceId: 'good',
        message: `Unexpected absence of ${HOSTILE.authorityName} from this source's account of the forum, expected it as lead as evil says (the newest source is good)`,
        suggestion: HOSTILE.suggestion,
        evidence: [evidence('good', HOSTILE.forumName, 5), evidence('evil', HOSTILE.authorityName, 3)],
      },
    ],
    sources: [
      { id: 'evil', path: 'pages/evil.example/evil.en.txt', format: 'txt', url: HOSTILE.sourceUrl, title: HOSTILE.sourceTitle, language: 'en', languageFrom: 'metadata', retrieved: '2024-05-01', sha256: 'a'.repeat(64) },
      { id: 'good', path: 'pages/good.example/good.sv.md', format: 'md', url: 'https://good.example/sida?a=1&b=2', title: 'Bra sida', language: 'sv', languageFrom: 'metadata', publisher: 'Polismyndigheten', lastUpdated: '2024-06-30', sha256: 'b'.repeat(64) },
      // an older saved version of the same URL: kept as a source, makes no claims
      { id: 'good.2023', path: 'pages/good.example/good.2023.sv.md', format: 'md', url: 'https://good.example/sida?a=1&b=2', title: 'Bra sida', language: 'sv', languageFrom: 'metadata', publisher: 'Polismyndigheten', retrieved: '2023-01-15', sha256: 'c'.repeat(64), supersededBy: 'good' },
    ],
  };
}
