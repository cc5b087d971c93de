import { describe, expect, it } from 'vitest';
import {
  buildRegistryEntries,
  formatOrgNumber,
  normaliseWebsite,
  parseCsv,
  parseMatchlist,
  slugify,
  type MatchRow,
} from '../../pipeline/resolve/build-registry-entries.js';
import { RegistryEntry } from '../../pipeline/resolve/registry-schema.js';

// A small stand-in for merged.json / wd.json / matchlist.csv, shaped like the real files.
const merged = {
  'Myndigheten för civilt försvar': {
    esv: {
      name_en: 'Swedish Civil Contingencies Agency',
      short_name: 'MCF',
      org_nr: '202100-5984',
      old_names: ['Myndigheten för samhällsskydd och beredskap', 'MSB'],
    },
    stkt: { org_nr: '2021005984', other_names: ['MSB', 'Myndigheten för samhällsskydd och beredskap'] },
    scb: { org_nr: '202100-5984', website: 'www.msb.se', short_name: 'MSB', other_names: ['Myndigheten för samhällsskydd och beredskap'] },
    sfs: { start: '2009-01-01T00:00:00', end: null, other_names: [], replaces: ['Krisberedskapsmyndigheten'] },
    wd: { id: 'Q3430725', name_en: 'Swedish Civil Defence and Resilience Agency', other_names: ['MSB'], org_nr: '202100-5984' },
  },
  Polismyndigheten: {
    esv: { name_en: '', short_name: 'POLM', org_nr: '202100-0076', old_names: ['Rikspolisstyrelsen', 'RPS'] },
    scb: [
      { org_nr: '202100-0076', website: 'www.polisen.se', other_names: ['POLISMYNDIGHETEN'] },
      { org_nr: '202100-0068', end: 2014, other_names: ['GAMLA POLISEN'] },
    ],
    sfs: [
      { start: '2015-01-01T00:00:00', end: null, other_names: [], replaces: ['Rikspolisstyrelsen'] },
      { start: '1984-10-01T00:00:00', end: '2015-01-01T00:00:00', other_names: ['Polisväsendet'], replaces: [] },
    ],
    wd: [
      { id: 'Q1', name_en: 'Obsolete item', end: '2014-12-31T00:00:00Z' },
      { id: 'Q11995938', name_en: 'Swedish Police Authority', start: '2015-01-01T00:00:00Z' },
    ],
  },
  Rikspolisstyrelsen: {
    esv: { name_en: 'National Police Board', short_name: 'RPS', org_nr: '202100-0076', end: '2014' },
    sfs: { end: '2015-01-01T00:00:00', other_names: [], replaces: [] },
    wd: { id: 'Q2', name_en: 'Swedish National Police Board', end: '2014-12-31T00:00:00Z', replaced_by: ['Polismyndigheten'] },
  },
  Migrationsverket: {
    // ESV's number has a wrong check digit; Statskontoret's (no hyphen) is right.
    esv: { name_en: 'Swedish Migration Board', short_name: 'MIGR', org_nr: '202100-2164', old_names: ['Statens invandrarverk'] },
    stkt: { org_nr: '2021002163', other_names: [] },
    handlingar: { short_name: 'MIG', website: 'https://www.migrationsverket.se/', other_names: [] },
    wd: { id: 'Q4585222', name_en: 'Swedish Migration Board', other_names: ['Invandrarverket'] },
  },
  'Länsstyrelsen i Stockholms län': {
    esv: { name_en: 'Administrative Board of Stockholm County', short_name: 'LSTHLM', org_nr: '202100-2148' },
    scb: { org_nr: '202100-2148', website: 'www.lansstyrelsen.se/stockholm' },
  },
  'ALINGSÅS TINGSRÄTT': { scb: { org_nr: '202100-2742', website: 'www.alingsastingsratt.domstol.se', other_names: ['ALINGSÅS TINGSRÄTT'] } },
  'Svenska Unescorådet': { scb: { org_nr: '', other_names: [] }, sfs: { end: null } },
  'Svenska unescorådet': { sfs: { end: '2010-01-01T00:00:00' } },
  'Svenska FAO-kommittén': { wd: { id: 'Q80207145', name_en: 'The Swedish FAO Committee', org_nr: '202100-6818' } },
  Statskontoret: { esv: { name_en: '?', short_name: 'STK', org_nr: '202100-5026' } },
  // only Wikidata knows it, without an end date, but with a successor
  'Polismyndigheten i Uppsala län': { wd: { id: 'Q114776951', name_en: 'Uppsala County Police Authority', replaced_by: ['Polismyndigheten'] } },
};

const wd = {
  'Myndigheten för civilt försvar': merged['Myndigheten för civilt försvar'].wd,
  Skolverket: { id: 'Q2292839', name_en: 'National Agency for Education' },
};

const matchRows: MatchRow[] = [
  { name: 'myndigheten för samhällsskydd och beredskap', official_name: 'Myndigheten för samhällsskydd och beredskap' },
  { name: 'swedish civil contingencies agency', official_name: 'Myndigheten för samhällsskydd och beredskap' },
  { name: 'msb', official_name: 'Myndigheten för samhällsskydd och beredskap' },
  { name: 'migrationsverket', official_name: 'Migrationsverket' },
  { name: 'swedish migration board', official_name: 'Migrationsverket' },
  { name: 'invandrarverket', official_name: 'Migrationsverket' },
  { name: 'the swedish migration agency', official_name: 'Migrationsverket' },
  { name: 'migr', official_name: 'Migrationsverket' },
  { name: 'alingsås tingsrätt', official_name: 'Alingsås tingsrätt' },
  { name: '?', official_name: 'Trafikanalys' },
  { name: 'kungliga slotts- och hovstaten', official_name: 'Kungliga slotts- och hovstaten' },
];

const build = () => buildRegistryEntries(merged, wd, matchRows);
const entry = (id: string): RegistryEntry => {
  const e = build().entries.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no entry ${id}`);
  return e;
};

describe('slugify', () => {
  it('lower-cases, folds å/ä/ö/é and hyphenates everything else', () => {
    expect(slugify('Myndigheten för civilt försvar')).toBe('myndigheten-for-civilt-forsvar');
    expect(slugify('Länsstyrelsen i Västra Götalands län')).toBe('lansstyrelsen-i-vastra-gotalands-lan');
    expect(slugify('Svenska FAO-kommittén')).toBe('svenska-fao-kommitten');
    expect(slugify('Kungl. Musikhögskolan i Stockholm')).toBe('kungl-musikhogskolan-i-stockholm');
    expect(slugify('  Tandvårds- och läkemedelsförmånsverket, TLV ')).toBe('tandvards-och-lakemedelsformansverket-tlv');
  });
});

describe('small helpers', () => {
  it('formats organisation numbers with and without hyphen', () => {
    expect(formatOrgNumber('2021005984')).toBe('202100-5984');
    expect(formatOrgNumber('202100-5984')).toBe('202100-5984');
    expect(formatOrgNumber('62620001582')).toBeUndefined();
  });

  it('makes websites absolute https URLs', () => {
    expect(normaliseWebsite('www.svk.se')).toBe('https://www.svk.se');
    expect(normaliseWebsite('http://www.svk.se/')).toBe('https://www.svk.se');
    expect(normaliseWebsite('www.lansstyrelsen.se/stockholm')).toBe('https://www.lansstyrelsen.se/stockholm');
    expect(normaliseWebsite('')).toBeUndefined();
    expect(normaliseWebsite('saknas')).toBeUndefined();
  });

  it('reads quoted CSV fields', () => {
    expect(parseCsv('name,official_name\n"svenska kraftnät, affärsverk",Affärsverket svenska kraftnät\r\n"a ""b""",C\n')).toEqual([
      ['name', 'official_name'],
      ['svenska kraftnät, affärsverk', 'Affärsverket svenska kraftnät'],
      ['a "b"', 'C'],
    ]);
    expect(parseMatchlist('name,official_name\nmsb,Myndigheten för samhällsskydd och beredskap\n')).toEqual([
      { name: 'msb', official_name: 'Myndigheten för samhällsskydd och beredskap' },
    ]);
  });
});

describe('buildRegistryEntries', () => {
  it('gives one valid entry per agency, sorted by id, with unique ids', () => {
    const { entries } = build();
    expect(entries).toHaveLength(Object.keys(merged).length);
    for (const e of entries) expect(RegistryEntry.safeParse(e).success).toBe(true);
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids).toContain('myndigheten-for-civilt-forsvar');
    expect(ids).toContain('lansstyrelsen-i-stockholms-lan');
    expect(ids).toContain('svenska-fao-kommitten');
  });

  it('suffixes colliding slugs deterministically, the active agency keeping the bare id', () => {
    const { entries, report } = build();
    const unesco = entries.filter((e) => e.id.startsWith('svenska-unescoradet'));
    expect(unesco.map((e) => [e.id, e.name.sv, e.active])).toEqual([
      ['svenska-unescoradet', 'Svenska Unescorådet', true],
      ['svenska-unescoradet-2', 'Svenska unescorådet', false],
    ]);
    expect(report.suffixedIds).toEqual([{ name: 'Svenska unescorådet', id: 'svenska-unescoradet-2' }]);
  });

  it('keeps only organisation numbers with a valid Luhn check digit and reports the others', () => {
    const { report } = build();
    expect(entry('migrationsverket').orgNumber).toBe('202100-2163'); // from stkt, ESV's is rejected
    expect(report.rejectedOrgNumbers).toEqual([{ agency: 'Migrationsverket', source: 'esv', value: '202100-2164' }]);
    expect(report.entriesWithOnlyRejectedOrgNumbers).toEqual([]);
    expect(entry('svenska-unescoradet').orgNumber).toBeUndefined();
  });

  it('reads list-valued upstream fields, preferring the record without an end', () => {
    const police = entry('polismyndigheten');
    expect(police.wikidata).toBe('Q11995938');
    expect(police.name.en).toBe('Swedish Police Authority');
    expect(police.website).toBe('https://www.polisen.se');
    expect(police.active).toBe(true);
    // the ended SFS record carries an older name
    expect(police.formerNames).toContain('Polisväsendet');
    expect(police.otherNames).not.toContain('GAMLA POLISEN');
  });

  it('takes the English name from Wikidata and keeps ESV\'s as another name', () => {
    const mcf = entry('myndigheten-for-civilt-forsvar');
    expect(mcf.name).toEqual({ sv: 'Myndigheten för civilt försvar', en: 'Swedish Civil Defence and Resilience Agency' });
    const statskontoret = entry('statskontoret');
    expect(statskontoret.name.en).toBeUndefined(); // ESV's "?" is no name
  });

  it('attaches matchlist rows naming a former agency to the renamed one', () => {
    const { report } = build();
    const mcf = entry('myndigheten-for-civilt-forsvar');
    expect(mcf.orgNumber).toBe('202100-5984');
    expect(mcf.formerNames).toContain('Myndigheten för samhällsskydd och beredskap');
    expect([...mcf.otherNames, ...mcf.formerNames]).toContain('Swedish Civil Contingencies Agency');
    expect(mcf.otherNames.map((n) => n.toLowerCase())).not.toContain('myndigheten för samhällsskydd och beredskap');
    expect(report.attachedOfficialNames).toContainEqual({
      officialName: 'Myndigheten för samhällsskydd och beredskap',
      id: 'myndigheten-for-civilt-forsvar',
      via: 'former-name',
    });
    expect(report.unattachedRows).toEqual([{ name: 'kungliga slotts- och hovstaten', official_name: 'Kungliga slotts- och hovstaten' }]);
    expect(report.junkRows).toBe(1);
  });

  it('records a predecessor with the same organisation number as a former name and links successors', () => {
    const police = entry('polismyndigheten');
    expect(police.formerNames).toContain('Rikspolisstyrelsen');
    const rps = entry('rikspolisstyrelsen');
    expect(rps.active).toBe(false);
    expect(rps.replacedBy).toEqual(['polismyndigheten']);
  });

  it('takes an agency whose successor Wikidata names, and that no register lists, as ended', () => {
    const { report } = build();
    const uppsala = entry('polismyndigheten-i-uppsala-lan');
    expect(uppsala.active).toBe(false);
    expect(uppsala.replacedBy).toEqual(['polismyndigheten']);
    expect(report.endedBySuccessor).toEqual(['Polismyndigheten i Uppsala län']);
  });

  it('separates abbreviations from names', () => {
    const mcf = entry('myndigheten-for-civilt-forsvar');
    expect(mcf.abbreviations).toEqual(['MCF', 'MSB']);
    expect(mcf.otherNames).not.toContain('MSB');
    expect(mcf.formerNames).not.toContain('MSB');
    const mig = entry('migrationsverket');
    expect(mig.abbreviations).toEqual(['MIG', 'MIGR']); // "migr" from the matchlist equals ESV's short name
    expect(mig.otherNames.map((n) => n.toLowerCase())).not.toContain('migr');
    expect(entry('polismyndigheten').abbreviations).toEqual(['POLM', 'RPS']);
  });

  it('deduplicates names case-insensitively, preferring a capitalised spelling, excluding the main names', () => {
    const mig = entry('migrationsverket');
    expect(mig.name.en).toBe('Swedish Migration Board');
    expect(mig.otherNames).toEqual(['Invandrarverket', 'the swedish migration agency']);
    expect(mig.formerNames).toEqual(['Statens invandrarverk']);
  });

  it('uses the mixed-case spelling for an upper-case key without changing the id', () => {
    const court = entry('alingsas-tingsratt');
    expect(court.name.sv).toBe('Alingsås tingsrätt');
    expect(court.otherNames).toEqual([]);
  });

  it('sets kind, website and wikidata aliases', () => {
    const lst = entry('lansstyrelsen-i-stockholms-lan');
    expect(lst.kind).toBe('county-board');
    expect(lst.website).toBe('https://www.lansstyrelsen.se/stockholm');
    expect(entry('migrationsverket').kind).toBe('state-agency');
    expect(entry('migrationsverket').website).toBe('https://www.migrationsverket.se');
  });

  it('judges endings against the reference date, not the clock', () => {
    const later = buildRegistryEntries(
      { A: { sfs: { end: '2026-03-01T00:00:00' } }, B: { wd: { id: 'Q9', end: '2020-01-01T00:00:00Z' } } },
      {},
      [],
    ).entries;
    expect(later.map((e) => [e.id, e.active])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const after = buildRegistryEntries({ A: { sfs: { end: '2026-03-01T00:00:00' } } }, {}, [], { referenceDate: '2026-06-01' }).entries;
    expect(after[0]?.active).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });
});
