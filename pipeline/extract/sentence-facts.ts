import type { Token } from '../resolve/normalise.js';
import { tokenize } from '../resolve/normalise.js';
import type { NameMatch } from '../resolve/name-index.js';
import type { Role } from '../../schemas/ids.js';
import type { ExtractContext } from './context.js';
import { type Enumeration, judgeList, opensWithKnownName, readEnumeration } from './enumeration.js';
import { knownNameBefore, mentionOf, nameAt } from './names.js';
import { numberAt, yearAt } from './numbers.js';
import { type PhraseList, PhraseTable, phraseAt, phraseWords } from './phrases.js';
import type { SentenceRange } from './sentences.js';
import { type TextBlock, toSourceOffset } from './text-block.js';
import type { CountFact, DatedFact, Mention, ParticipantFact } from './types.js';
import { wordValue } from './word-values.js';

/** A list of participants found in a sentence, before it joins a forum's groups. */
export interface ListFact {
  group: 'members' | 'network-members';
  items: Mention[];
  listEvidence: Mention['evidence'];
  /** introduced as "the other …" */
  others: boolean;
  /** counts stated in the same sentence as the list */
  counts: CountFact[];
  /** the sentence's own lead ("X leads … together with eight other authorities: …") */
  implied: Mention[];
  /** the list was found after a "with"/"between" cue rather than introduced as the group */
  incidental: boolean;
}

export interface SentenceFacts {
  participants: ParticipantFact[];
  lists: ListFact[];
  counts: CountFact[];
  rejected: Mention[];
  start?: DatedFact<{ year: number; month?: number }>;
  end?: DatedFact<{ year: number }>;
  commissionedBy?: DatedFact<string>;
  since: { mention: Mention; year: number; evidence: Mention['evidence'] }[];
  /** the sentence introduces the bullet list that follows it */
  introducesList?: { group: 'members' | 'network-members'; others: boolean; counts: CountFact[]; implied: Mention[] };
  /** every known name in the sentence, cue or not */
  mentions: Mention[];
}

interface Sentence {
  block: TextBlock;
  range: SentenceRange;
  tokens: Token[];
  text: string;
  /** every known name in the sentence, found once */
  names: NameMatch[];
  /** where the lexicon's phrases occur in the tokens, found once */
  phrases: PhraseTable;
  /** 1 for each token inside a known name, else 0; see insideNames */
  inName?: number[];
}

export function analyseSentence(ctx: ExtractContext, block: TextBlock, range: SentenceRange, opensList: boolean): SentenceFacts {
  const text = block.text.slice(range.start, range.end);
  const tokens = tokenize(text, range.start);
  const names = ctx.index.findAll(tokens);
  const facts: SentenceFacts = { participants: [], lists: [], counts: [], rejected: [], since: [], mentions: [] };
  // Most sentences of a page are prose with no name, number, list or cue: nothing to read there.
  if (names.length === 0 && !opensList && !hasSignal(tokens, signalWords(ctx.lexicon))) return facts;
  const s: Sentence = { block, range, tokens, text, names, phrases: new PhraseTable(ctx.lexicon, tokens) };
  const group = namesNetwork(ctx.lexicon, tokens) ? 'network-members' : 'members';

  facts.counts = findCounts(ctx, s, group);
  readRoleCues(ctx, s, facts);
  readLists(ctx, s, facts, group, opensList);
  readDates(ctx, s, facts);
  for (const m of s.names) {
    const mention: Mention = mentionOf(ctx, block, s.tokens, m.startToken, m.endToken);
    mention.match = m.candidate;
    facts.mentions.push(mention);
  }
  return facts;
}

/** "fifteen authorities", "A further 13 authorities", "18 different authorities". */
function findCounts(ctx: ExtractContext, s: Sentence, group: CountFact['group']): CountFact[] {
  const lex = ctx.lexicon;
  const counts: CountFact[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    const n = numberAt(lex, s.tokens, i);
    if (!n || n.value < 2) continue;
    // "more than 40 authorities" is not a count that a list can confirm.
    if (s.phrases.at('approximators', i - 1) === 1 || s.phrases.at('approximators', i - 2) === 2 || s.phrases.at('approximators', i - 3) === 3) continue;
    let k = i + n.length;
    let relative = lex.relativeWords.includes(s.tokens[i - 1]?.norm ?? '');
    let modifiers = 0;
    while (modifiers < 3 && s.tokens[k]?.kind === 'word' && lex.countModifiers.includes((s.tokens[k] as Token).norm) && !lex.groupNouns.includes((s.tokens[k] as Token).norm)) {
      if (lex.relativeWords.includes((s.tokens[k] as Token).norm)) relative = true;
      k++;
      modifiers++;
    }
    const noun = s.tokens[k];
    if (!noun || noun.kind !== 'word' || !lex.groupNouns.includes(noun.norm)) continue;
    const startToken = relative && lex.relativeWords.includes(s.tokens[i - 1]?.norm ?? '') ? i - 1 : i;
    let from = (s.tokens[startToken] as Token).start;
    // "A further 13": keep the article that belongs to the phrase.
    const before = s.tokens[startToken - 1];
    if (startToken < i && before && before.kind === 'word' && (before.norm === 'a' || before.norm === 'ytterligare')) from = before.start;
    counts.push({ value: n.value, text: s.block.text.slice(from, noun.end), evidence: ctx.evidence(s.block, from, noun.end), relative, group });
    i = k;
  }
  return counts;
}

const BEFORE_CUES: readonly [PhraseList, Role][] = [
  ['leadBefore', 'lead'],
  ['coordinatorBefore', 'coordinator'],
  ['initiatorBefore', 'initiator'],
];
const AFTER_CUES: readonly [PhraseList, Role][] = [
  ['leadAfter', 'lead'],
  ['coordinatorAfter', 'coordinator'],
  ['initiatorAfter', 'initiator'],
  ['memberAfter', 'member'],
];

function readRoleCues(ctx: ExtractContext, s: Sentence, facts: SentenceFacts): void {
  const lex = ctx.lexicon;
  for (const [key, role] of BEFORE_CUES) {
    for (const [, end] of s.phrases.find(key)) {
      const found = nameAt(ctx, s.block, s.tokens, end);
      if (found && found.nameLike) facts.participants.push({ mention: found.mention, role });
      // "set up by A, B and C", "led jointly by A and B": every known name of the enumeration
      if (found?.known) {
        const e = readEnumeration(ctx, s.block, s.tokens, end);
        // known names with only separators between them: "Ordförande är X och sekretariatet finns hos Y" is no enumeration
        const adjacent = (item: (typeof e.items)[number], k: number) => {
          if (!item.known) return false;
          if (k === 0) return true;
          const between = tokenize(ctx.source.slice((e.items[k - 1] as (typeof e.items)[number]).mention.evidence.end.offset, item.mention.evidence.start.offset)).filter((t) => t.kind === 'word' && t.norm !== 'the');
          return between.length === 0 || phraseAt(between, 0, lex.conjunctions) === between.length;
        };
        if (e.items.length > 1 && e.items.every(adjacent)) for (const item of e.items.slice(1)) facts.participants.push({ mention: item.mention, role });
      }
    }
  }
  const afterCues: { start: number; end: number; role: Role }[] = [];
  for (const [key, role] of AFTER_CUES) for (const [start, end] of s.phrases.find(key)) afterCues.push({ start, end, role });
  afterCues.sort((a, b) => a.start - b.start);
  let subject: Mention | undefined;
  for (const cue of afterCues) {
    if (s.tokens[cue.end]?.norm === 'by') continue; // "led by": a cue before the name, read above
    // "X has also taken part": allow one adverb between the name and the cue.
    const found = knownNameBefore(ctx, s.block, s.tokens, cue.start) ?? knownNameBefore(ctx, s.block, s.tokens, cue.start - 1);
    if (found) {
      facts.participants.push({ mention: found.mention, role: cue.role });
      subject = found.mention;
      continue;
    }
    // "X took the initiative … and has led it since": the verbs share their subject.
    if (subject && s.phrases.at('conjunctions', cue.start - 1) === 1) {
      facts.participants.push({ mention: subject, role: cue.role });
      continue;
    }
    // "Sedan 2015 deltar även X": the subject follows the verb.
    if (lex.verbSecond && cue.start > 0) {
      const after = nameAt(ctx, s.block, s.tokens, cue.end);
      if (after?.known) {
        facts.participants.push({ mention: after.mention, role: cue.role });
        continue;
      }
    }
    // "Locally, municipal social services and civil society organisations are also involved"
    if (cue.role === 'member') {
      const comma = indexOfText(s.tokens, ',');
      for (const from of [0, comma >= 0 && comma < 4 ? comma + 1 : -1]) {
        if (from < 0) continue;
        const e = readEnumeration(ctx, s.block, s.tokens, from, cue.start);
        const kindOrKnown = (i: (typeof e.items)[number]) => i.known || ctx.kinds.kindOf(i.mention.name, lex.language) !== undefined;
        if (e.items.length > 0 && e.end === cue.start && e.items.every(kindOrKnown)) {
          for (const item of e.items) facts.participants.push({ mention: item.mention, role: 'member' });
          break;
        }
      }
    }
  }
  for (const [, end] of s.phrases.find('commissionBefore')) {
    if (facts.commissionedBy) break;
    let k = end;
    if (s.tokens[k]?.norm === 'the') k++;
    let stop = k;
    while (stop < s.tokens.length && s.tokens[stop]?.kind === 'word' && !lex.nameStopWords.includes((s.tokens[stop] as Token).norm) && s.phrases.at('conjunctions', stop) === 0) stop++;
    if (stop > k) {
      const from = (s.tokens[k] as Token).start;
      const to = (s.tokens[stop - 1] as Token).end;
      facts.commissionedBy = { value: s.block.text.slice(from, to), evidence: ctx.evidence(s.block, from, to) };
    }
  }
}

function listFact(ctx: ExtractContext, s: Sentence, e: Enumeration, group: ListFact['group'], others: boolean, counts: CountFact[], incidental: boolean, facts: SentenceFacts): boolean {
  const verdict = judgeList(e.items);
  if (!verdict.isParticipantList) return false;
  facts.rejected.push(...verdict.rejected);
  const first = s.tokens[e.start] as Token;
  const last = s.tokens[e.end - 1] as Token;
  facts.lists.push({
    group,
    items: verdict.accepted,
    listEvidence: ctx.evidence(s.block, first.start, last.end),
    others,
    counts,
    implied: facts.participants.filter((p) => p.role === 'lead' || p.role === 'coordinator').map((p) => p.mention),
    incidental,
  });
  return true;
}

function readLists(ctx: ExtractContext, s: Sentence, facts: SentenceFacts, group: ListFact['group'], opensList: boolean): void {
  const lex = ctx.lexicon;
  // Words before a token that name a group, or "the others": the first of each found once, when first asked.
  let groupWord: number | undefined;
  let relativeWord: number | undefined;
  const groupBefore = (to: number) => (groupWord ??= firstWordOutsideNames(s, lex.listIntroducers, lex.groupNouns)) < to;
  const othersBefore = (to: number) => (relativeWord ??= firstWordOutsideNames(s, lex.relativeWords)) < to;
  const countsIn = (from: number, to: number) => countsWithin(s, facts.counts, from, to);
  let listed = false;

  // 1. "… take part as network authorities: A, B and C" / "… together with eight other authorities:"
  const colon = indexOfText(s.tokens, ':');
  if (colon > 0 && groupBefore(colon)) {
    if (colon === s.tokens.length - 1) {
      if (opensList) facts.introducesList = { group, others: othersBefore(colon), counts: countsIn(0, colon), implied: [] };
      listed = true;
    } else {
      listed = listFact(ctx, s, readEnumeration(ctx, s.block, s.tokens, colon + 1), group, othersBefore(colon), countsIn(0, colon), false, facts);
    }
  }
  // 2. "The participating authorities are (now) A, B and C"
  if (!listed && s.phrases.has('copulas')) {
    for (let i = 1; i < s.tokens.length && !listed; i++) {
      const n = s.phrases.at('copulas', i);
      if (n === 0 || !groupBefore(i)) continue;
      let k = i + n;
      while (k < s.tokens.length && lex.copulaFillers.includes(s.tokens[k]?.norm ?? '')) k++;
      listed = listFact(ctx, s, readEnumeration(ctx, s.block, s.tokens, k), group, othersBefore(i), countsIn(0, i), false, facts);
    }
  }
  // 3. "A, B, C and D are collaborating …": a sentence that opens with two or more known names.
  if (!listed && opensWithKnownName(ctx, s.tokens, 0)) {
    const e = readEnumeration(ctx, s.block, s.tokens, 0);
    if (e.items.length >= 2 && e.items.every((i) => i.known)) listed = listFact(ctx, s, e, group, false, countsIn(e.end, s.tokens.length), false, facts);
  }
  // 4. "cooperation with A and B", "between A and B": the names are participants.
  for (const key of ['memberBefore', 'betweenBefore', 'listVerbs'] as const) {
    for (const [, end] of s.phrases.find(key)) {
      const e = readEnumeration(ctx, s.block, s.tokens, end);
      if (e.items.length === 0 || !e.items[0]?.nameLike) continue;
      // "Together with X, the four authorities have written …": X works with the group, outside it.
      const withGroup = key === 'memberBefore' && facts.counts.length > 0;
      if (e.items.length === 1 || withGroup) {
        const verdict = judgeList(e.items);
        for (const m of verdict.accepted) facts.participants.push({ mention: m, role: 'member', ...(withGroup ? { partnerIfOutside: true } : {}) });
      } else if (!listed) listed = listFact(ctx, s, e, group, false, [], key !== 'listVerbs', facts);
    }
  }
  // A sentence that ends the block without a full stop, before a list, introduces that list.
  // So does one that states how many there are ("It has five members."), full stop or not.
  if (!listed && opensList && (!/[.!?]\s*$/u.test(s.text) || facts.counts.length > 0)) {
    facts.introducesList = { group, others: othersBefore(s.tokens.length), counts: facts.counts, implied: [] };
  }
  if (facts.introducesList) facts.introducesList.implied = facts.participants.filter((p) => p.role === 'lead' || p.role === 'coordinator').map((p) => p.mention);
}

/**
 * The first token that is one of the words, outside known names ("the Swedish Pensions Agency"
 * does not name a group); Infinity when there is none.
 */
function firstWordOutsideNames(s: Sentence, words: readonly string[], moreWords: readonly string[] = []): number {
  const inName = insideNames(s);
  for (let k = 0; k < s.tokens.length; k++) {
    const t = s.tokens[k] as Token;
    if (t.kind === 'word' && inName[k] === 0 && (words.includes(t.norm) || moreWords.includes(t.norm))) return k;
  }
  return Infinity;
}

/** 1 for each token inside a known name, else 0: worked out when first needed. */
function insideNames(s: Sentence): number[] {
  if (!s.inName) {
    s.inName = new Array<number>(s.tokens.length).fill(0);
    for (const m of s.names) s.inName.fill(1, m.startToken, m.endToken);
  }
  return s.inName;
}

/** The counts stated within tokens [from, to). */
function countsWithin(s: Sentence, counts: readonly CountFact[], from: number, to: number): CountFact[] {
  const lo = toSourceOffset(s.block, (s.tokens[from] as Token | undefined)?.start ?? 0);
  const hi = toSourceOffset(s.block, Math.max(0, ((s.tokens[to - 1] as Token | undefined)?.end ?? 1) - 1)) + 1;
  return counts.filter((c) => c.evidence.start.offset >= lo && c.evidence.end.offset <= hi);
}

function readDates(ctx: ExtractContext, s: Sentence, facts: SentenceFacts): void {
  const lex = ctx.lexicon;
  // A period: "2019–2021", "from 2019 to 2021".
  const period = mayHoldPeriod(s.text) ? periodPattern(lex).exec(s.text) : null;
  if (period) {
    const from = s.range.start + period.index;
    const to = from + period[0].length;
    const evidence = ctx.evidence(s.block, from, to);
    const startMonth = period[1] ? lex.months[period[1].toLowerCase()] : undefined;
    facts.start = { value: startMonth ? { year: Number(period[2]), month: startMonth } : { year: Number(period[2]) }, evidence };
    facts.end = { value: { year: Number(period[4]) }, evidence };
  }
  // Most sentences name no year: nothing more to date there.
  let firstYear = 0;
  while (firstYear < s.tokens.length && yearAt(s.tokens, firstYear) === undefined) firstYear++;
  if (firstYear === s.tokens.length) return;
  // Each year belongs to the nearest verb before it in the sentence, with no other year between:
  // "X has taken part since 2013 in the group, which started in 2009" dates the start 2009.
  const verbs = [
    ...s.phrases.find('startVerbs').map(([, e]) => ({ end: e, kind: 'start' as const })),
    ...s.phrases.find('endVerbs').map(([, e]) => ({ end: e, kind: 'end' as const })),
  ].sort((a, b) => a.end - b.end);
  const joiners = facts.participants.filter((p) => p.role === 'member');
  const attached: DatedYear[] = [];
  const unattached: DatedYear[] = [];
  let previousYear = -1;
  for (let i = firstYear; i < s.tokens.length; i++) {
    const year = yearAt(s.tokens, i);
    if (year === undefined) continue;
    const monthToken = s.tokens[i - 1];
    const month = monthToken ? wordValue(lex.months, monthToken.norm) : undefined;
    const season = month === undefined && monthToken !== undefined && lex.seasons.includes(monthToken.norm);
    const first = month !== undefined || season ? i - 1 : i;
    let prep = 0;
    let endPrep = 0;
    for (let k = Math.max(0, first - 5); k < first; k++) {
      if (s.phrases.at('yearPrepositions', k) === first - k) prep = first - k;
      if (s.phrases.at('endPrepositions', k) === first - k) endPrep = first - k;
    }
    const from = (s.tokens[first] as Token).start;
    const evidence = ctx.evidence(s.block, from, (s.tokens[i] as Token).end);
    const dated: DatedYear = month !== undefined ? { year, month, tokenIndex: i, evidence } : { year, tokenIndex: i, evidence };
    const verb = verbs.filter((v) => v.end <= first - prep && v.end > previousYear && first - prep - v.end <= 12).pop();
    previousYear = i;
    if (endPrep > 0 || (verb?.kind === 'end' && (prep > 0 || verb.end === first))) {
      facts.end ??= { value: { year }, evidence };
    } else if (verb?.kind === 'start' && (prep > 0 || verb.end === first)) {
      attached.push(dated);
    } else if (prep > 0) {
      unattached.push(dated);
    }
  }
  const start = attached[0] ?? (verbs.some((v) => v.kind === 'start') && joiners.length === 0 ? unattached[0] : undefined);
  if (start && !facts.start) facts.start = { value: start.month !== undefined ? { year: start.year, month: start.month } : { year: start.year }, evidence: start.evidence };
  // Joining years: the years no start verb claims; "a member since it was set up in 2005" too.
  for (const dated of unattached.length > 0 ? unattached : attached) {
    const clause = clauseOf(ctx, s, dated.tokenIndex);
    const inClause = joiners.filter((p) => clauseOf(ctx, s, tokenIndexAt(ctx, s, p.mention)) === clause);
    const nearest = [...(inClause.length > 0 ? inClause : joiners)].sort((a, b) => distance(a.mention, dated.evidence.start.offset) - distance(b.mention, dated.evidence.start.offset))[0];
    if (nearest) facts.since.push({ mention: nearest.mention, year: dated.year, evidence: dated.evidence });
  }
}

interface DatedYear {
  year: number;
  month?: number;
  tokenIndex: number;
  evidence: Mention['evidence'];
}

function distance(m: Mention, offset: number): number {
  return Math.min(Math.abs(m.evidence.start.offset - offset), Math.abs(m.evidence.end.offset - offset));
}

/** Clauses split at a conjunction that is not part of a known name ("… for a long time and in 2016, …"). */
function clauseOf(ctx: ExtractContext, s: Sentence, tokenIndex: number): number {
  const inName = insideNames(s);
  let clause = 0;
  for (let k = 0; k < tokenIndex && k < s.tokens.length; k++) {
    const t = s.tokens[k] as Token;
    if ((t.text === ';' || s.phrases.at('conjunctions', k) > 0) && inName[k] === 0) clause++;
  }
  return clause;
}

function tokenIndexAt(ctx: ExtractContext, s: Sentence, m: Mention): number {
  const i = s.tokens.findIndex((t) => toSourceOffset(s.block, t.start) >= m.evidence.start.offset);
  return i >= 0 ? i : s.tokens.length;
}

const signals = new WeakMap<ExtractContext['lexicon'], Set<string>>();
/**
 * The words that can start a fact when no known name or number is in the sentence: the first
 * words of the participation cues (an unknown name may follow "led by"), number words, group nouns.
 */
function signalWords(lex: ExtractContext['lexicon']): Set<string> {
  let set = signals.get(lex);
  if (!set) {
    const phrases = [lex.leadBefore, lex.coordinatorBefore, lex.initiatorBefore, lex.memberBefore, lex.betweenBefore, lex.listVerbs, lex.commissionBefore, lex.startVerbs, lex.endVerbs, lex.endPrepositions];
    set = new Set([...phrases.flatMap((list) => list.map((p) => phraseWords(p)[0] ?? '')), ...Object.keys(lex.numbers), ...lex.groupNouns, ...Object.keys(lex.months)]);
    signals.set(lex, set);
  }
  return set;
}

/** A word with a network stem that ends in a group noun, or stands before one ("nätverksmyndigheter", "network agencies"). */
function namesNetwork(lex: ExtractContext['lexicon'], tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word') continue;
    let stem: string | undefined;
    for (const st of lex.networkStems) {
      if (t.norm.length >= st.length && t.norm.includes(st)) {
        stem = st;
        break;
      }
    }
    if (!stem) continue;
    const rest = t.norm.slice(t.norm.indexOf(stem) + stem.length);
    const next = tokens[i + 1]?.norm ?? '';
    // "network authorities", "nätverksmyndigheter", and after the noun: "fyra myndigheter adjungerade"
    const previous = tokens[i - 1]?.norm ?? '';
    if (lex.groupNouns.some((n) => rest.endsWith(n)) || lex.groupNouns.includes(next) || (lex.networkStemsAfterNoun.includes(stem) && lex.groupNouns.includes(previous))) return true;
  }
  return false;
}

/** `tokens.findIndex((t) => t.text === text)`, without a closure per token. */
function indexOfText(tokens: readonly Token[], text: string): number {
  for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token).text === text) return i;
  return -1;
}

/** A signal word, a colon or a word that starts with a digit. */
function hasSignal(tokens: readonly Token[], signals: Set<string>): boolean {
  for (const t of tokens) {
    if (signals.has(t.norm) || t.text === ':') return true;
    const c = t.norm.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

const periods = new WeakMap<ExtractContext['lexicon'], RegExp>();
/** "2019–2021", "from March 2019 to 2021": built once per lexicon, not per sentence. */
function periodPattern(lex: ExtractContext['lexicon']): RegExp {
  let pattern = periods.get(lex);
  if (!pattern) {
    const months = Object.keys(lex.months).join('|');
    pattern = new RegExp(`(?:\\b(${months})\\s+)?\\b(1[89]\\d\\d|20\\d\\d)\\s*(?:[–—-]|\\s(?:to|until|till|through|–|och|till)\\s)\\s*(?:(${months})\\s+)?(1[89]\\d\\d|20\\d\\d)\\b`, 'iu');
    periods.set(lex, pattern);
  }
  return pattern;
}

/**
 * A period names two years (18xx, 19xx or 20xx) in separate places: text without two such runs of
 * digits cannot hold one, and most sentences are read without running the period pattern at all.
 */
const TWO_YEARS = /(?:1[89]|20)\d\d[^]*?(?:1[89]|20)\d\d/;
function mayHoldPeriod(text: string): boolean {
  return TWO_YEARS.test(text);
}
