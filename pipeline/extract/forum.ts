import type { ExtractContext } from './context.js';
import { judgeList, readEnumeration } from './enumeration.js';
import { analyseSentence, type ListFact, type SentenceFacts } from './sentence-facts.js';
import { splitSentences } from './sentences.js';
import type { Section, TextBlock } from './text-block.js';
import { type Token, tokenize } from '../resolve/normalise.js';
import { phraseAt } from './phrases.js';
import type { Role } from '../../schemas/ids.js';
import type { ExtractedForum, GroupFact, Mention, ParticipantFact } from './types.js';

/** Read every sentence of a section, and the bullet lists that sentences introduce. */
export function readSection(ctx: ExtractContext, section: Section): SentenceFacts[] {
  const all: SentenceFacts[] = [];
  section.blocks.forEach((block, b) => {
    if (block.kind === 'list') {
      const previous = all[all.length - 1];
      const intro = previous?.introducesList;
      if (intro && section.blocks[b - 1]?.kind === 'text') {
        const read = block.items.map((item) => {
          const tokens = tokenize(item.text);
          return { tokens, enumeration: readEnumeration(ctx, item, tokens, 0) };
        });
        const items = read.flatMap((r) => r.enumeration.items);
        const verdict = judgeList(items);
        if (verdict.isParticipantList && previous) {
          // A role in the row or bullet of one participant: "Swedish Customs | chair", "Tullverket – sekretariat".
          read.forEach(({ tokens, enumeration }, i) => {
            const [only] = enumeration.items;
            const role = enumeration.items.length === 1 && only?.nameLike ? itemRole(ctx, block.items[i] as TextBlock, tokens, enumeration.end) : undefined;
            if (only && role) previous.participants.push({ mention: only.mention, role });
          });
          const first = block.items[0] as TextBlock;
          const last = block.items[block.items.length - 1] as TextBlock;
          const from = ctx.evidence(first, 0, 1);
          const to = ctx.evidence(last, Math.max(0, last.text.length - 1), last.text.length);
          const listEvidence = { ...from, end: to.end, quote: ctx.source.slice(from.start.offset, to.end.offset) };
          previous.lists.push({ group: intro.group, items: verdict.accepted, listEvidence, others: intro.others, counts: intro.counts, implied: intro.implied, incidental: false });
          previous.rejected.push(...verdict.rejected);
          return;
        }
      }
      // A list that no sentence introduces as participants: its items may still state facts.
      for (const item of block.items) for (const r of splitSentences(item.text, ctx.lexicon.abbreviations)) all.push(analyseSentence(ctx, item, r, false));
      return;
    }
    const ranges = splitSentences(block.block.text, ctx.lexicon.abbreviations);
    const nextIsList = section.blocks[b + 1]?.kind === 'list';
    ranges.forEach((r, k) => all.push(analyseSentence(ctx, block.block, r, nextIsList && k === ranges.length - 1)));
  });
  return all;
}

/**
 * The role a list item states after its name and nothing else, past punctuation ("| Lead agency",
 * "(chair)", "– sekretariat", "Leder och samordnar"): an item that goes on ("Leder
 * förundersökningar", "leads the work on fraud") states a task, not its role in the forum. Of
 * two roles named, the first is kept.
 */
function itemRole(ctx: ExtractContext, item: TextBlock, tokens: readonly Token[], from: number): Role | undefined {
  // A table row: a later cell that holds a role and nothing else ("| Chair | 2016 |").
  const cells = item.cellStarts?.filter((c) => c >= 0);
  if (cells && cells.length > 1) {
    for (let c = 1; c < cells.length; c++) {
      const [lo, hi] = [cells[c] as number, cells[c + 1] ?? Infinity];
      const first = tokens.findIndex((t) => t.start >= lo);
      if (first < from) continue; // the name's own cell
      let last = first;
      while (last < tokens.length && (tokens[last] as Token).start < hi) last++;
      const role = roleAfter(ctx, tokens, first, last);
      if (role) return role;
    }
    return undefined;
  }
  // "Swedish Coast Guard (lead agency)": the name was read with its brackets, as "(CSN)" is
  if (tokens[from - 1]?.text === ')') {
    let open = from - 2;
    while (open >= 0 && tokens[open]?.text !== '(') open--;
    const role = open >= 0 ? roleAfter(ctx, tokens, open + 1, from - 1) : undefined;
    if (role) return role;
  }
  return roleAfter(ctx, tokens, from, tokens.length);
}

function roleAfter(ctx: ExtractContext, tokens: readonly Token[], from: number, to: number): Role | undefined {
  const lex = ctx.lexicon;
  // a role's words within [k, to)
  const roleAt = (k: number): [Role, number] | undefined => {
    const lead = phraseAt(tokens, k, lex.leadNouns);
    if (lead > 0 && k + lead <= to) return ['lead', lead];
    const coordinator = phraseAt(tokens, k, lex.coordinatorNouns);
    return coordinator > 0 && k + coordinator <= to ? ['coordinator', coordinator] : undefined;
  };
  const skipPunctuation = (k: number) => {
    while (k < to && tokens[k]?.kind === 'punct') k++;
    return k;
  };
  let k = skipPunctuation(from);
  const first = roleAt(k);
  if (!first) return undefined;
  k = skipPunctuation(k + first[1]);
  while (k < to) {
    const conjunction = phraseAt(tokens, k, lex.conjunctions);
    const next = roleAt(k + conjunction);
    if (!next) return undefined;
    k = skipPunctuation(k + conjunction + next[1]);
  }
  return first[0];
}

function sameParticipant(a: Mention, b: Mention): boolean {
  if (a.match && b.match) return a.match.entryId === b.match.entryId;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/** How many cued participants are distinct: one counts unless an earlier one is the same participant. */
function distinctCount(cues: readonly ParticipantFact[]): number {
  const names = cues.map((c) => c.mention.name.toLowerCase());
  let count = 0;
  for (let i = 0; i < cues.length; i++) {
    let seen = false;
    for (let j = 0; j < i && !seen; j++) {
      const a = (cues[i] as ParticipantFact).mention.match;
      const b = (cues[j] as ParticipantFact).mention.match;
      seen = a && b ? a.entryId === b.entryId : names[i] === names[j];
    }
    if (!seen) count++;
  }
  return count;
}

/** Decide whether a section describes a forum, and gather its facts if it does. */
export function forumOfSection(ctx: ExtractContext, section: Section, facts: SentenceFacts[], fallbackName: string | undefined): ExtractedForum | undefined {
  const lists = gather(facts, (f) => f.lists);
  const cues = gather(facts, (f) => f.participants);
  const counts = gather(facts, (f) => f.counts);
  // A forum: a list of participants, two distinct cued participants, or one and a count.
  const isForum = lists.length > 0 || (cues.length > 0 && counts.length > 0) || distinctCount(cues) >= 2;
  if (!isForum) return undefined;

  const heading = section.heading;
  const name = heading ? forumName(questionSubject(ctx.lexicon, heading.text) ?? heading.text) : fallbackName ? forumName(fallbackName) : undefined;
  if (!name) return undefined;
  const nameEvidence = heading ? ctx.evidence(heading, 0, heading.text.length) : firstEvidence(facts);
  if (!nameEvidence) return undefined;

  const participants: ParticipantFact[] = cues.map((c) => ({ ...c }));
  const groups = groupsOf(lists, participants);
  const main = groups.find((g) => g.group === 'members');
  for (const p of participants) {
    if (!p.partnerIfOutside) continue;
    const inMain = main ? [...main.items, ...main.implied].some((m) => sameParticipant(m, p.mention)) : true;
    if (!inMain) p.role = 'partner';
  }
  const forum: ExtractedForum = {
    sourceId: ctx.sourceId,
    language: ctx.lexicon.language,
    name: name.name,
    nameEvidence,
    participants,
    groups,
    looseCounts: [],
    since: gather(facts, (f) => f.since),
  };
  if (name.acronym) forum.acronym = name.acronym;
  const start = facts.find((f) => f.start)?.start;
  const end = facts.find((f) => f.end)?.end;
  const commissionedBy = facts.find((f) => f.commissionedBy)?.commissionedBy;
  if (start) forum.start = start;
  if (end) forum.end = end;
  if (commissionedBy) forum.commissionedBy = commissionedBy;
  attachLooseCounts(forum, facts);
  addPublisher(ctx, forum, facts);
  return forum;
}

/** One kind of fact from every sentence, in order: `facts.flatMap(pick)`, as a loop (flatMap is slow here). */
function gather<T>(facts: readonly SentenceFacts[], pick: (f: SentenceFacts) => readonly T[]): T[] {
  const all: T[] = [];
  for (const f of facts) for (const x of pick(f)) all.push(x);
  return all;
}

function firstEvidence(facts: SentenceFacts[]) {
  return facts.find((f) => f.mentions.length > 0)?.mentions[0]?.evidence;
}

/**
 * Lists become groups. The first members list is the forum's counted group; a later list that
 * repeats all of it and adds names makes those extra names partners (named for a shared piece of
 * work, outside the counted group).
 */
function groupsOf(lists: ListFact[], participants: ParticipantFact[]): GroupFact[] {
  const groups: GroupFact[] = [];
  const leads = () => participants.filter((p) => p.role === 'lead' || p.role === 'coordinator').map((p) => p.mention);
  let main: GroupFact | undefined;
  for (const list of lists) {
    const role = list.group === 'network-members' ? 'network-member' : 'member';
    if (main && list.group === 'members' && list.counts.length === 0 && main.items.every((m) => list.items.some((i) => sameParticipant(i, m)))) {
      for (const item of list.items) {
        const inMain = main.items.some((m) => sameParticipant(m, item)) || main.implied.some((m) => sameParticipant(m, item));
        participants.push({ mention: item, role: inMain ? 'member' : 'partner' });
      }
      continue;
    }
    for (const item of list.items) participants.push({ mention: item, role });
    const implied = list.others ? (list.implied.length > 0 ? list.implied : leads()) : [];
    const group: GroupFact = { group: list.group, items: list.items, implied: list.counts.some((c) => c.relative) ? [] : implied, listEvidence: [list.listEvidence], counts: list.counts, others: list.others };
    groups.push(group);
    if (!main && list.group === 'members' && !list.incidental) main = group;
  }
  return groups;
}

/**
 * Counts stated without a list ("a forum of fifteen authorities") count the forum's main group.
 * A members group that no count of its own list's sentence counts is then the forum's members
 * as the section names them: the list, and the participants named as members, leads,
 * coordinators or initiators in other sentences before the count ("A, B, C and D work in the
 * council. Since 2019 E has also been a member. Five authorities now sit on it.").
 */
function attachLooseCounts(forum: ExtractedForum, facts: SentenceFacts[]): void {
  const inLists = new Set(forum.groups.flatMap((g) => g.counts));
  for (const count of gather(facts, (f) => f.counts)) {
    if (inLists.has(count)) continue;
    const target = forum.groups.find((g) => g.group === count.group && !g.counts.some((c) => c.relative));
    if (!target) {
      forum.looseCounts.push(count);
      continue;
    }
    if (target.group === 'members' && target.counts.length === 0) {
      for (const p of forum.participants) {
        // named before the count: a participant the page adds after it ("Since 2015 X also takes part") was not counted
        if (p.role === 'partner' || p.role === 'network-member' || p.partnerIfOutside || p.mention.evidence.start.offset > count.evidence.start.offset) continue;
        if (!target.items.some((m) => sameParticipant(m, p.mention)) && !target.implied.some((m) => sameParticipant(m, p.mention))) target.implied.push(p.mention);
      }
    }
    target.counts.push(count);
  }
}

/** A page's publisher named in a forum's section takes part in it ("our cooperation with …"). */
function addPublisher(ctx: ExtractContext, forum: ExtractedForum, facts: SentenceFacts[]): void {
  if (!ctx.publisherId) return;
  if (forum.participants.some((p) => p.mention.match?.entryId === ctx.publisherId)) return;
  const mention = gather(facts, (f) => f.mentions).find((m) => m.match?.entryId === ctx.publisherId);
  if (mention) forum.participants.push({ mention, role: 'member' });
}

/** What a heading asks about: "What is the MUR Initiative?" → "the MUR Initiative"; undefined for any other heading. */
export function questionSubject(lex: ExtractContext['lexicon'], text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.endsWith('?')) return undefined;
  const tokens = tokenize(trimmed);
  const n = phraseAt(tokens, 0, lex.questionPrefixes);
  const after = tokens[n];
  if (n === 0 || !after) return undefined;
  const subject = trimmed.slice(after.start, trimmed.length - 1).trim();
  return subject === '' ? undefined : subject;
}

/** "The MUR Initiative – increasing …" → name "MUR Initiative", acronym "MUR". */
export function forumName(heading: string): { name: string; acronym?: string } | undefined {
  let name = heading.trim().split(/\s[–—-]\s|:\s/u)[0]?.trim() ?? '';
  name = name.replace(/^(the|den|det)\s+/iu, '');
  let acronym: string | undefined;
  const paren = /\s*\(([\p{Lu}\d&-]{2,10})\)\s*$/u.exec(name);
  if (paren) {
    acronym = paren[1];
    name = name.slice(0, paren.index).trim();
  } else {
    acronym = /(?:^|\s)([\p{Lu}]{2,8})(?=\s|$)/u.exec(name)?.[1];
  }
  if (name === '') return undefined;
  return acronym ? { name, acronym } : { name };
}
