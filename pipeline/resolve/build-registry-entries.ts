/**
 * Pure transformation from the myndighetsdata reference files (merged.json, wd.json, matchlist.csv)
 * to the entries of sources/registry/authorities.json. No I/O here: scripts/build-registry.ts reads
 * the files, calls buildRegistryEntries and writes the result.
 *
 * Everything is deterministic: the output depends only on the input and on REFERENCE_DATE (the date
 * of the reference snapshot), never on the current time or on locale-dependent collation.
 */
import { parse } from 'csv-parse/sync';
import { isLuhnValid } from '../../schemas/ids.js';
import type { RegistryEntry } from './registry-schema.js';

/** The snapshot date of the reference data; "ended" means ended on or before this day. */
export const REFERENCE_DATE = '2026-01-02';

/** One row of matchlist.csv: a known spelling and the official Swedish name it stands for. */
export interface MatchRow {
  name: string;
  official_name: string;
}

export interface RejectedOrgNumber {
  agency: string;
  source: string;
  value: string;
}

export interface BuildReport {
  entries: number;
  active: number;
  /** upstream organisation numbers that are not ten digits with a valid Luhn check digit */
  rejectedOrgNumbers: RejectedOrgNumber[];
  /** agencies left without any organisation number because every upstream one was rejected */
  entriesWithOnlyRejectedOrgNumbers: string[];
  /** matchlist rows whose official_name could not be tied to a registry entry */
  unattachedRows: MatchRow[];
  /** matchlist rows without any letter in `name` (upstream writes "?" for "no name known") */
  junkRows: number;
  /** official names of the matchlist that are not merged.json keys, and how they were attached */
  attachedOfficialNames: { officialName: string; id: string; via: AttachVia }[];
  /** ids that had to be suffixed (-2, -3, ...) because two Swedish names give the same slug */
  suffixedIds: { name: string; id: string }[];
  /** Wikidata ids that merged.json attaches to one agency but wd.json keys under another */
  movedWikidataIds: { wikidata: string; from: string; to: string }[];
  /** end dates contradicted by later staff figures, so not taken as the end of the agency */
  ignoredEndDates: { agency: string; source: string; end: string }[];
  /** agencies without an end date taken as ended because Wikidata names a successor and no register lists them */
  endedBySuccessor: string[];
}

export type AttachVia = 'case-insensitive-key' | 'wikidata-alias' | 'former-name' | 'other-name' | 'row-name';

type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function isRec(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Upstream values are sometimes a dict, sometimes a list of dicts: always give a list of dicts. */
function records(x: unknown): Rec[] {
  if (Array.isArray(x)) return x.filter(isRec);
  return isRec(x) ? [x] : [];
}

function str(x: unknown): string | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (typeof x !== 'string') return undefined;
  const s = x.replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
}

function strList(x: unknown): string[] {
  if (typeof x === 'string') return str(x) === undefined ? [] : [str(x) as string];
  if (!Array.isArray(x)) return [];
  return x.map(str).filter((s): s is string => s !== undefined);
}

/** A list of names: as strList, through cleanName. */
function nameList(x: unknown): string[] {
  return strList(x)
    .map(cleanName)
    .filter((s): s is string => s !== undefined);
}

function lower(s: string): string {
  return s.toLocaleLowerCase('sv');
}

/** Code-point comparison: stable across Node versions and ICU builds, unlike localeCompare. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLowerThenExact(a: string, b: string): number {
  return cmp(lower(a), lower(b)) || cmp(a, b);
}

function uniqueSorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(cmp);
}

/** Short all-caps forms such as "MSB", "SÄKINT": abbreviations, matched only when written in capitals. */
export const ABBREVIATION = /^[A-ZÅÄÖ]{2,8}$/;

function isAbbreviation(s: string): boolean {
  return ABBREVIATION.test(s);
}

/**
 * The id of an authority: the slug of its Swedish name. Lower-case, å/ä→a, ö→o, é→e, other letters
 * with diacritics lose them, everything else that is not a-z/0-9 becomes a single hyphen.
 */
export function slugify(name: string): string {
  return lower(name)
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "2021005984" or "202100-5984" → "202100-5984"; undefined if not ten digits. */
export function formatOrgNumber(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return undefined;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * "www.svk.se" → "https://www.svk.se"; "http://x.se/" → "https://x.se". Keeps the path, drops a
 * trailing slash after the host, takes the first token when upstream appends something
 * ("www.a.se (www.b.se)"). undefined when the result is not a URL with a dotted host.
 */
export function normaliseWebsite(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const first = raw.trim().split(/\s+/)[0];
  if (first === undefined || first === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first.replace(/^http:\/\//i, 'https://') : `https://${first}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return undefined;
  const host = url.hostname.toLowerCase();
  const rest = withScheme.replace(/^https:\/\/[^/?#]+/i, '');
  return `https://${host}${rest === '/' ? '' : rest}`;
}

/** An upstream end/start value as a date (YYYY-MM-DD) or a bare year. */
type When = { kind: 'date'; date: string; year: number } | { kind: 'year'; year: number };

function parseWhen(x: unknown): When | undefined {
  const s = str(x);
  if (s === undefined) return undefined;
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (d) return { kind: 'date', date: `${d[1]}-${d[2]}-${d[3]}`, year: Number(d[1]) };
  if (/^\d{4}$/.test(s)) return { kind: 'year', year: Number(s) };
  return undefined;
}

/** A date ends in the past when it is on or before the reference date; a bare year when it is before the reference year. */
function isPast(w: When, referenceDate: string): boolean {
  if (w.kind === 'date') return w.date <= referenceDate;
  return w.year < Number(referenceDate.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a BOM) into rows of fields. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
}

/** matchlist.csv text → rows; throws when the header lacks `name` or `official_name`. */
export function parseMatchlist(text: string): MatchRow[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return [];
  const ni = header.indexOf('name');
  const oi = header.indexOf('official_name');
  if (ni < 0 || oi < 0) throw new Error(`matchlist.csv: expected columns name,official_name, got ${header.join(',')}`);
  return rows.map((r) => ({ name: r[ni] ?? '', official_name: r[oi] ?? '' }));
}

// ---------------------------------------------------------------------------------------------
// The build
// ---------------------------------------------------------------------------------------------

interface Agency {
  key: string;
  sources: Map<string, Rec[]>;
  wd: Rec | undefined;
  orgNumber: string | undefined;
  wikidata: string | undefined;
  active: boolean;
  nameSv: string;
  nameEn: string | undefined;
  website: string | undefined;
  /** candidate other names, in source order, before classification */
  other: string[];
  former: string[];
  abbreviations: string[];
  id: string;
}

/** Records of one source, with end === null/absent first ("prefer the entry whose end is null"). */
function primary(recs: Rec[], orgHint?: string): Rec | undefined {
  const current = recs.filter((r) => str(r.end) === undefined);
  if (current.length === 0) {
    // all ended: the one that ended last
    return [...recs].sort((a, b) => cmp(str(b.end) ?? '', str(a.end) ?? ''))[0];
  }
  if (orgHint !== undefined) {
    const match = current.find((r) => {
      const o = str(r.org_nr);
      return o !== undefined && formatOrgNumber(o) === orgHint;
    });
    if (match) return match;
  }
  return current[0];
}

/**
 * The latest year (before the reference year) for which ESV or Statskontoret, the registers of
 * agencies, report a positive staff figure. Arbetsgivarverket's series are left out: they carry
 * wind-down staff for years after an agency closed.
 */
function lastEvidenceYear(a: Agency, referenceYear: number): number | undefined {
  let last: number | undefined;
  const scan = (x: unknown): void => {
    if (!isRec(x)) return;
    for (const [y, v] of Object.entries(x)) {
      const year = Number(y);
      if (!/^\d{4}$/.test(y) || year >= referenceYear || typeof v !== 'number' || !(v > 0)) continue;
      if (last === undefined || year > last) last = year;
    }
  };
  for (const r of a.sources.get('esv') ?? []) {
    scan(r.employees);
    scan(r.fte);
  }
  for (const r of a.sources.get('stkt') ?? []) scan(r.fte);
  return last;
}

/** Staff reported this many years after an end year contradict that end. */
const EVIDENCE_MARGIN_YEARS = 2;

/** Ranks spellings of the same name: mixed case beats all-caps beats all lower-case. */
function spellingRank(s: string): number {
  const hasUpper = s !== lower(s);
  const hasLower = s !== s.toLocaleUpperCase('sv');
  if (hasUpper && hasLower) return 2;
  if (hasUpper) return 1;
  return 0;
}

/**
 * A name from the registers: whitespace collapsed, without the trailing full stop ESV sometimes adds
 * ("National Agency for Education."); undefined when it has no letter (ESV writes "?" for "unknown").
 */
function cleanName(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  const u = /(^|\s)\p{L}\p{Ll}{3,}\.$/u.test(t) ? t.slice(0, -1) : t;
  return /\p{L}/u.test(u) ? u : undefined;
}

/** "fd. Statens maritima museer" (före detta = formerly) → "Statens maritima museer". */
const FORMERLY = /^f\.?d\.?\s+/i;

export function buildRegistryEntries(
  merged: unknown,
  wd: unknown,
  matchRows: readonly MatchRow[],
  options: { referenceDate?: string } = {},
): { entries: RegistryEntry[]; report: BuildReport } {
  const referenceDate = options.referenceDate ?? REFERENCE_DATE;
  const referenceYear = Number(referenceDate.slice(0, 4));
  if (!isRec(merged)) throw new Error('merged.json: expected an object keyed by Swedish name');
  const wdJson: Rec = isRec(wd) ? wd : {};

  const report: BuildReport = {
    entries: 0,
    active: 0,
    rejectedOrgNumbers: [],
    entriesWithOnlyRejectedOrgNumbers: [],
    unattachedRows: [],
    junkRows: 0,
    attachedOfficialNames: [],
    suffixedIds: [],
    movedWikidataIds: [],
    ignoredEndDates: [],
    endedBySuccessor: [],
  };

  // --- 1. one agency per merged.json key, with the Wikidata record -------------------------------
  const agencies: Agency[] = Object.entries(merged).map(([key, value]) => {
    const sources = new Map<string, Rec[]>();
    if (isRec(value)) for (const [src, v] of Object.entries(value)) sources.set(src, records(v));
    // wd.json keyed under exactly this name is authoritative for the Wikidata part (merged.json once
    // attaches Smittskyddsinstitutet's item to its predecessor Statens bakteriologiska laboratorium).
    const own = records(wdJson[key])[0];
    return {
      key,
      sources,
      wd: own ?? primary(sources.get('wd') ?? []),
      orgNumber: undefined,
      wikidata: undefined,
      active: true,
      nameSv: key,
      nameEn: undefined,
      website: undefined,
      other: [],
      former: [],
      abbreviations: [],
      id: '',
    };
  });
  const byKey = new Map(agencies.map((a) => [a.key, a]));

  // A Wikidata item claimed by several agencies stays with the one wd.json keys it under.
  const claims = new Map<string, Agency[]>();
  for (const a of agencies) {
    const q = str(a.wd?.id);
    if (q !== undefined && /^Q\d+$/.test(q)) claims.set(q, [...(claims.get(q) ?? []), a]);
  }
  for (const [q, as] of claims) {
    const owner = as.find((a) => str(records(wdJson[a.key])[0]?.id) === q);
    for (const a of as) {
      if (as.length > 1 && owner !== undefined && a !== owner) {
        report.movedWikidataIds.push({ wikidata: q, from: a.key, to: owner.key });
        a.wd = undefined;
      } else a.wikidata = q;
    }
  }

  const src = (a: Agency, name: string): Rec[] => a.sources.get(name) ?? [];
  const prim = (a: Agency, name: string): Rec | undefined => (name === 'wd' ? a.wd : primary(src(a, name), a.orgNumber));

  // --- 2. scalar facts ------------------------------------------------------------------------
  for (const a of agencies) {
    // Organisation number: ESV, SCB, Wikidata, Statskontoret, in that order; the first that is ten
    // digits with a valid Luhn check digit wins. Every rejected value is reported.
    let rejected = false;
    for (const s of ['esv', 'scb', 'wd', 'stkt']) {
      const raw = str(prim(a, s)?.org_nr);
      if (raw === undefined) continue;
      const formatted = formatOrgNumber(raw);
      if (formatted === undefined || !isLuhnValid(formatted.replace('-', ''))) {
        report.rejectedOrgNumbers.push({ agency: a.key, source: s, value: raw });
        rejected = true;
        continue;
      }
      a.orgNumber ??= formatted;
    }
    if (rejected && a.orgNumber === undefined) report.entriesWithOnlyRejectedOrgNumbers.push(a.key);

    // English name: Wikidata first, ESV second. ESV's English names are often stale (it still says
    // "Swedish Civil Contingencies Agency" for Myndigheten för civilt försvar, whose English name
    // since 2026 is "Swedish Civil Defence and Resilience Agency"); Wikidata is maintained more
    // actively. The other one is kept among otherNames.
    a.nameEn = cleanName(str(a.wd?.name_en)) ?? cleanName(str(prim(a, 'esv')?.name_en));

    // Website: SCB, then handlingar.se; made an absolute https:// URL.
    a.website = normaliseWebsite(str(prim(a, 'scb')?.website)) ?? normaliseWebsite(str(prim(a, 'handlingar')?.website));

    // Active: ended when Wikidata or the statute book (SFS) gives an end in the past; the registers'
    // own end years (ESV, SCB, Statskontoret) count too. An end is disregarded when ESV or
    // Statskontoret report staff two or more years later: SFS ends the record of an old instruction
    // even when the agency goes on under a new one (Försvarshögskolan 2008, Länsstyrelsen i
    // Norrbottens län 1991), and ESV stops its series when an agency gets a host agency
    // (Valmyndigheten 2016, Gentekniknämnden 2019) although the agency still exists.
    const ends: [string, unknown][] = [
      ['wd', a.wd?.end],
      ['sfs', prim(a, 'sfs')?.end],
      ['esv', prim(a, 'esv')?.end],
      ['scb', prim(a, 'scb')?.end],
      ['stkt', prim(a, 'stkt')?.end],
    ];
    const evidence = lastEvidenceYear(a, referenceYear);
    a.active = true;
    for (const [s, v] of ends) {
      const w = parseWhen(v);
      if (w === undefined || !isPast(w, referenceDate)) continue;
      if (evidence !== undefined && evidence >= w.year + EVIDENCE_MARGIN_YEARS) {
        report.ignoredEndDates.push({ agency: a.key, source: s, end: str(v) ?? '' });
        continue;
      }
      a.active = false;
    }
  }

  // --- 3. names the registers know -------------------------------------------------------------
  // wd.json keys that are not merged.json keys but name the same Wikidata item (e.g. "Skolverket"
  // for Statens skolverk, "Säkerhets- och integritetsskyddsnämnden" for its renamed successor).
  const byWikidata = new Map<string, Agency>();
  for (const a of agencies) if (a.wikidata !== undefined) byWikidata.set(a.wikidata, a);
  const wdAliases = new Map<string, Agency>(); // lower-case alias → agency
  for (const [k, v] of Object.entries(wdJson)) {
    const q = str(records(v)[0]?.id);
    const a = q === undefined ? undefined : byWikidata.get(q);
    if (a !== undefined && str(k) !== undefined && !byKey.has(k)) wdAliases.set(lower(k), a);
  }
  const aliasesOf = new Map<Agency, string[]>();
  for (const [k, v] of Object.entries(wdJson)) {
    const a = wdAliases.get(lower(k));
    if (a !== undefined) aliasesOf.set(a, [...(aliasesOf.get(a) ?? []), k.trim()]);
  }

  for (const a of agencies) {
    const other: string[] = [];
    const former: string[] = [];
    const abbr: string[] = [];
    const addOther = (names: string[]): void => {
      for (const n of names) {
        if (FORMERLY.test(n)) former.push(n.replace(FORMERLY, ''));
        else other.push(n);
      }
    };
    const esv = prim(a, 'esv');
    const esvEn = cleanName(str(esv?.name_en));
    const wdEn = cleanName(str(a.wd?.name_en));
    if (esvEn !== undefined) other.push(esvEn);
    if (wdEn !== undefined) other.push(wdEn);
    addOther(nameList(prim(a, 'scb')?.other_names));
    addOther(nameList(a.wd?.other_names));
    addOther(nameList(prim(a, 'handlingar')?.other_names));
    addOther(nameList(prim(a, 'stkt')?.other_names));
    addOther(nameList(prim(a, 'sfs')?.other_names));
    addOther(aliasesOf.get(a) ?? []);
    // Former names: ESV's old_names, and the names of SFS records that have ended (the statute book
    // keeps one record per instruction; an ended one carries the name of its time). SCB's old_names
    // are left out: SCB lists there every unit once registered under the same organisation number
    // (Domstolsverket: closed courts such as "MÖLNDALS TINGSRÄTT"), which are not former names.
    for (const n of nameList(esv?.old_names)) (isAbbreviation(n) ? abbr : former).push(n);
    const sfsPrimary = prim(a, 'sfs');
    for (const r of src(a, 'sfs')) {
      const end = parseWhen(r.end);
      if (r !== sfsPrimary && end !== undefined && isPast(end, referenceDate)) former.push(...nameList(r.other_names));
    }
    // Short names: all-caps ones are abbreviations; mixed-case ones ("HaV", "Digg") are names.
    for (const s of ['esv', 'scb', 'handlingar']) {
      const sn = str(prim(a, s)?.short_name);
      if (sn === undefined) continue;
      // ESV's two-letter short names are mostly internal codes ("TV" for Tullverket) that would
      // match ordinary text; keep them only when another source gives them too.
      if (isAbbreviation(sn) && s === 'esv' && sn.length <= 2) continue;
      if (isAbbreviation(sn)) abbr.push(sn);
      else if (/^[A-Za-zÅÄÖåäöÉé]{2,8}$/.test(sn)) other.push(sn);
    }
    a.other = other;
    a.former = former;
    a.abbreviations = abbr;
  }

  // --- 4. renamings: an agency this one replaced, with the same organisation number ------------
  const ciKeys = new Map<string, Agency[]>();
  for (const a of agencies) ciKeys.set(lower(a.key), [...(ciKeys.get(lower(a.key)) ?? []), a]);
  const resolveKey = (name: string): Agency | undefined => {
    const exact = byKey.get(name);
    if (exact) return exact;
    const ci = ciKeys.get(lower(name));
    if (ci?.length === 1) return ci[0];
    return wdAliases.get(lower(name));
  };
  // Wikidata names a successor in the registry and no register has a current record: ended, even
  // without an end date (the county police authorities merged into Polismyndigheten in 2015).
  for (const a of agencies) {
    if (!a.active) continue;
    const successor = strList(a.wd?.replaced_by).some((n) => {
      const b = resolveKey(n);
      return b !== undefined && b !== a;
    });
    const current = ['esv', 'scb', 'stkt', 'sfs'].some((s) => src(a, s).some((r) => str(r.end) === undefined));
    if (successor && !current) {
      a.active = false;
      report.endedBySuccessor.push(a.key);
    }
  }

  for (const a of agencies) {
    if (a.orgNumber === undefined) continue;
    const replaced = [...strList(a.wd?.replaces), ...src(a, 'sfs').flatMap((r) => strList(r.replaces))];
    for (const n of replaced) {
      const b = resolveKey(n);
      if (b !== undefined && b !== a && b.orgNumber === a.orgNumber) a.former.push(b.key, n);
    }
  }
  for (const b of agencies) {
    if (b.orgNumber === undefined) continue;
    for (const n of strList(b.wd?.replaced_by)) {
      const a = resolveKey(n);
      if (a !== undefined && a !== b && a.orgNumber === b.orgNumber) a.former.push(b.key);
    }
  }

  // Indexes of Swedish names for attaching matchlist rows and replaced_by names.
  const formerIndex = new Map<string, Set<Agency>>();
  const otherIndex = new Map<string, Set<Agency>>();
  const index = (m: Map<string, Set<Agency>>, n: string, a: Agency): void => {
    const k = lower(n);
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)?.add(a);
  };
  for (const a of agencies) {
    for (const n of a.former) index(formerIndex, n, a);
    for (const n of a.other) if (!isAbbreviation(n)) index(otherIndex, n, a);
  }
  /** the only agency in the set, or the only active one */
  const single = (s: Set<Agency> | undefined): Agency | undefined => {
    if (s === undefined) return undefined;
    const all = [...s];
    if (all.length === 1) return all[0];
    const active = all.filter((a) => a.active);
    return active.length === 1 ? active[0] : undefined;
  };
  const resolveName = (name: string): { agency: Agency; via: AttachVia | 'key' } | undefined => {
    const exact = byKey.get(name);
    if (exact) return { agency: exact, via: 'key' };
    const ci = ciKeys.get(lower(name));
    if (ci?.length === 1 && ci[0]) return { agency: ci[0], via: 'case-insensitive-key' };
    const alias = wdAliases.get(lower(name));
    if (alias) return { agency: alias, via: 'wikidata-alias' };
    const f = single(formerIndex.get(lower(name)));
    if (f) return { agency: f, via: 'former-name' };
    const o = single(otherIndex.get(lower(name)));
    if (o) return { agency: o, via: 'other-name' };
    return undefined;
  };

  // --- 5. matchlist.csv -------------------------------------------------------------------------
  const groups = new Map<string, string[]>(); // official name → row names, in file order
  for (const row of matchRows) {
    const name = cleanName(row.name);
    const official = cleanName(row.official_name);
    if (name === undefined || official === undefined) {
      report.junkRows++;
      continue;
    }
    groups.set(official, [...(groups.get(official) ?? []), name]);
  }
  const matchSpellings: string[] = [];
  const attached: { officialName: string; agency: Agency; via: AttachVia }[] = [];
  for (const [official, names] of groups) {
    let hit = resolveName(official);
    if (hit === undefined) {
      // An official name unknown to merged.json whose group holds a spelling that is a key
      // ("Hyresnämnden i Göteborg" → "hyres och arrendenämnden i göteborg" = "HYRES OCH ARRENDENÄMNDEN I GÖTEBORG").
      const viaRows = new Set(names.map((n) => resolveKey(n)).filter((a): a is Agency => a !== undefined));
      const a = single(viaRows);
      if (a) hit = { agency: a, via: 'row-name' };
    }
    if (hit === undefined) {
      for (const n of names) report.unattachedRows.push({ name: n, official_name: official });
      continue;
    }
    const { agency: a, via } = hit;
    matchSpellings.push(official);
    const knownAbbr = new Set(a.abbreviations.map(lower));
    for (const n of a.other) if (isAbbreviation(n)) knownAbbr.add(lower(n));
    // Rows that name a former agency (the matchlist still maps "swedish civil contingencies agency"
    // to Myndigheten för samhällsskydd och beredskap) are former names of the current one.
    const target = via === 'former-name' ? a.former : a.other;
    if (via !== 'key') {
      attached.push({ officialName: official, agency: a, via });
      target.push(official);
    }
    for (const n of names) {
      if (knownAbbr.has(lower(n))) a.abbreviations.push(n.toLocaleUpperCase('sv'));
      else target.push(n);
    }
  }

  // --- 6. spellings: the best-capitalised form the data knows for each name --------------------
  // Mixed case beats all-caps beats lower-case; among equals the first offered wins, and the
  // merged.json keys are offered first, then the matchlist's official names, then wd.json's keys,
  // then every other name anywhere in the data (any record of any source).
  const best = new Map<string, string>();
  const offer = (s: string): void => {
    const k = lower(s);
    const cur = best.get(k);
    if (cur === undefined || spellingRank(s) > spellingRank(cur)) best.set(k, s);
  };
  for (const a of agencies) offer(a.key);
  for (const n of matchSpellings) offer(n);
  for (const k of Object.keys(wdJson)) if (str(k) !== undefined) offer(k.trim());
  const offerAll = (x: unknown): void => {
    if (typeof x === 'string') {
      const s = cleanName(x);
      if (s !== undefined && !isAbbreviation(s)) offer(s.replace(FORMERLY, ''));
    } else if (Array.isArray(x)) x.forEach(offerAll);
  };
  for (const a of agencies) {
    for (const recs of a.sources.values())
      for (const r of recs) for (const f of ['name_en', 'other_names', 'old_names', 'replaces', 'replaced_by']) offerAll(r[f]);
    for (const n of [...a.other, ...a.former]) offerAll(n);
  }
  for (const v of Object.values(wdJson))
    for (const r of records(v)) for (const f of ['name_en', 'other_names', 'replaces', 'replaced_by']) offerAll(r[f]);
  const spell = (s: string): string => best.get(lower(s)) ?? s;

  // --- 7. classify, dedupe, ids -------------------------------------------------------------------
  for (const a of agencies) {
    // Some keys are SCB's upper-case forms ("ALINGSÅS TINGSRÄTT"); such a Swedish name takes the
    // mixed-case spelling the data knows for the same name ("Alingsås tingsrätt", the matchlist's
    // official name). Other keys are kept as they are. The id is the same either way.
    const better = spell(a.key);
    a.nameSv = spellingRank(a.key) < 2 && spellingRank(better) === 2 ? better : a.key;
    if (a.nameEn !== undefined) a.nameEn = spell(a.nameEn);
  }
  const slugs = new Map<string, Agency[]>();
  for (const a of agencies) {
    const s = slugify(a.key);
    slugs.set(s, [...(slugs.get(s) ?? []), a]);
  }
  const taken = new Set(slugs.keys());
  for (const s of [...slugs.keys()].sort(cmp)) {
    const group = (slugs.get(s) ?? []).sort((x, y) => Number(y.active) - Number(x.active) || cmp(x.key, y.key));
    group.forEach((a, i) => {
      if (i === 0) {
        a.id = s;
        return;
      }
      let n = i + 1;
      while (taken.has(`${s}-${n}`)) n++;
      a.id = `${s}-${n}`;
      taken.add(a.id);
      report.suffixedIds.push({ name: a.key, id: a.id });
    });
  }
  report.attachedOfficialNames = attached.map((x) => ({ officialName: x.officialName, id: x.agency.id, via: x.via }));

  const entries: RegistryEntry[] = agencies.map((a) => {
    const main = new Set([lower(a.nameSv), lower(a.key), ...(a.nameEn ? [lower(a.nameEn)] : [])]);
    const abbreviations = new Set(a.abbreviations.map((s) => s.toLocaleUpperCase('sv')));
    const formerNames = new Map<string, string>();
    for (const n of a.former) {
      if (isAbbreviation(n)) abbreviations.add(n);
      else if (!main.has(lower(n))) formerNames.set(lower(n), spell(n));
    }
    const otherNames = new Map<string, string>();
    for (const n of [...a.other, ...countyBoardVariants(a.nameSv, a.nameEn)]) {
      if (isAbbreviation(n)) abbreviations.add(n);
      else if (!main.has(lower(n)) && !formerNames.has(lower(n))) otherNames.set(lower(n), spell(n));
    }
    // "Csn" beside the abbreviation "CSN" is the abbreviation in other case, not a name: as a name
    // it would match the lower-case word too.
    for (const ab of abbreviations) otherNames.delete(lower(ab));
    // Two letters ("tv", "ad") are ordinary words far more often than names.
    for (const [key] of otherNames) if (key.length <= 2) otherNames.delete(key);
    for (const ab of abbreviations) if (ab.length <= 2 && !a.abbreviations.includes(ab)) abbreviations.delete(ab);
    // An upper-case form of the name itself ("BOVERKET") is not an abbreviation.
    for (const ab of abbreviations) if (main.has(lower(ab))) abbreviations.delete(ab);
    // replaced_by names from Wikidata that name an entry of the registry
    const replacedBy = uniqueSorted(
      strList(a.wd?.replaced_by)
        .map((n) => resolveName(n))
        .filter((hit) => hit !== undefined && hit.via !== 'other-name' && hit.agency !== a)
        .map((hit) => hit?.agency as Agency)
        .map((b) => b.id),
    );
    const entry: RegistryEntry = {
      id: a.id,
      name: a.nameEn !== undefined ? { sv: a.nameSv, en: a.nameEn } : { sv: a.nameSv },
      otherNames: [...otherNames.values()].sort(byLowerThenExact),
      formerNames: [...formerNames.values()].sort(byLowerThenExact),
      abbreviations: [...abbreviations].sort(cmp),
      ...(a.orgNumber !== undefined ? { orgNumber: a.orgNumber } : {}),
      ...(a.wikidata !== undefined ? { wikidata: a.wikidata } : {}),
      ...(a.website !== undefined ? { website: a.website } : {}),
      kind: /^länsstyrelsen\s/i.test(a.key) ? 'county-board' : 'state-agency',
      active: a.active,
      ...(replacedBy.length > 0 ? { replacedBy } : {}),
    };
    return entry;
  });
  entries.sort((x, y) => cmp(x.id, y.id));
  report.entries = entries.length;
  report.active = entries.filter((e) => e.active).length;
  report.attachedOfficialNames.sort((x, y) => cmp(x.officialName, y.officialName));
  return { entries, report };
}

/**
 * The English and short Swedish forms pages use for a county administrative board, derived from
 * its Swedish name ("Länsstyrelsen i Skåne län") and the register's English name ("Skåne County
 * Administrative Board"): "County Administrative Board of Skåne", "Länsstyrelsen Skåne", …
 */
export function countyBoardVariants(nameSv: string, nameEn: string | undefined): string[] {
  const county = /^Länsstyrelsen i (.+) län$/u.exec(nameSv)?.[1];
  if (!county) return [];
  const fromEnglish = nameEn ? /^(.+?) County Administrative Board$/u.exec(nameEn)?.[1] : undefined;
  const place = fromEnglish ?? (county.endsWith('s') ? county.slice(0, -1) : county);
  return [
    `County Administrative Board of ${place}`,
    `County Administrative Board of ${place} County`,
    `County Administrative Board in ${place}`,
    `${place} County Administrative Board`,
    `Administrative Board of ${place} County`,
    `Länsstyrelsen ${place}`,
    `Länsstyrelsen i ${place}`,
  ];
}
