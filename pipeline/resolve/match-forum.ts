import type { ForumRegistryEntry } from './registry-schema.js';
import { nameKey, slugify } from './normalise.js';

/** A forum already read from earlier pages: who takes part, and on which pages. */
export interface SeenForum {
  participants: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
}

/**
 * The forums read so far, in the order first seen, with an index from participant to forums:
 * matching by participants looks only at forums that share one, not at every forum seen.
 */
interface SeenEntry extends SeenForum {
  participants: Set<string>;
  sourceIds: Set<string>;
  /** when it was first seen: of two equally good matches the earlier one wins */
  rank: number;
}

export class SeenForums {
  private readonly forums = new Map<string, SeenEntry>();
  private readonly byParticipant = new Map<string, Set<string>>();

  get(id: string): SeenForum | undefined {
    return this.forums.get(id);
  }

  /** A page names the forum: add the page, and the participants it lists. */
  add(id: string, sourceId: string, participants: Iterable<string>): void {
    let forum = this.forums.get(id);
    if (!forum) {
      forum = { participants: new Set(), sourceIds: new Set(), rank: this.forums.size };
      this.forums.set(id, forum);
    }
    forum.sourceIds.add(sourceId);
    for (const p of participants) {
      forum.participants.add(p);
      const forums = this.byParticipant.get(p);
      if (forums) forums.add(id);
      else this.byParticipant.set(p, new Set([id]));
    }
  }

  /**
   * The forums that share at least `atLeast` of these participants, in the order first seen,
   * with how many they share. Such a forum must hold one of the participants' `size − atLeast + 1`
   * rarest (prefix filtering), so only those participants' forums are counted: a participant in
   * nearly every forum (the police, say) does not make every forum a candidate. Forums with more
   * than `largest` participants are left out.
   */
  sharing(participants: ReadonlySet<string>, atLeast: number, largest = Infinity): { id: string; forum: SeenEntry; shared: number }[] {
    if (atLeast < 1 || participants.size < atLeast) return [];
    const lists = [...participants].map((p) => this.byParticipant.get(p)?.size ?? 0);
    const rarest = [...participants].map((p, i) => ({ p, n: lists[i] as number })).sort((a, b) => a.n - b.n).slice(0, participants.size - atLeast + 1);
    const candidates = new Set<string>();
    for (const { p } of rarest) for (const id of this.byParticipant.get(p) ?? []) candidates.add(id);
    const found: { id: string; forum: SeenEntry; shared: number }[] = [];
    for (const id of candidates) {
      const forum = this.forums.get(id) as SeenEntry;
      if (forum.participants.size > largest) continue;
      let shared = 0;
      for (const p of participants) if (forum.participants.has(p)) shared++;
      if (shared >= atLeast) found.push({ id, forum, shared });
    }
    return found.sort((a, b) => a.forum.rank - b.forum.rank);
  }
}

export interface ForumMatch {
  id: string;
  entry?: ForumRegistryEntry;
  /** how the page's forum met the registry; `participants` and `new` are reported */
  via: 'name' | 'acronym' | 'participants' | 'new';
  /** for `participants`: how many participants the page shares with the forum seen elsewhere */
  shared?: number;
}

/** Index of the forum registry by normalised name and by acronym. */
export class ForumRegistry {
  private readonly byName = new Map<string, ForumRegistryEntry>();
  private readonly byAcronym = new Map<string, ForumRegistryEntry>();

  constructor(readonly entries: readonly ForumRegistryEntry[]) {
    for (const e of entries) {
      for (const n of [...e.names.en, ...e.names.sv]) this.byName.set(nameKey(n), e);
      for (const a of e.acronyms) this.byAcronym.set(a.toUpperCase(), e);
    }
  }

  /**
   * Match a forum found on a page: by any of its names, by its acronym, else by the participants
   * it shares with a forum already seen (at least three, and three fifths of each list), never with a forum of the same page.
   */
  match(name: string, acronym: string | undefined, participants: ReadonlySet<string>, seen: SeenForums, sourceId: string): ForumMatch {
    const byName = this.byName.get(nameKey(name));
    if (byName) return { id: byName.id, entry: byName, via: 'name' };
    const byAcronym = acronym ? this.byAcronym.get(acronym.toUpperCase()) : undefined;
    if (byAcronym) return { id: byAcronym.id, entry: byAcronym, via: 'acronym' };
    let best: { id: string; shared: number } | undefined;
    // at least three, and three fifths of the page's own list (the other list is checked below)
    // (a forum with more than five thirds of the page's participants cannot share three fifths of its own)
    for (const { id, forum: other, shared } of seen.sharing(participants, Math.max(3, Math.ceil((participants.size * 3) / 5)), Math.floor((participants.size * 5) / 3))) {
      // Two forums on one page are two forums, however many participants they share.
      if (other.sourceIds.has(sourceId)) continue;
      // Three fifths of BOTH lists: a forum that grew from many pages must not swallow every
      // page that shares a few common authorities with it.
      const larger = Math.max(participants.size, other.participants.size);
      if (shared >= 3 && shared * 5 >= larger * 3 && (!best || shared > best.shared)) best = { id, shared };
    }
    if (best) {
      const entry = this.entries.find((e) => e.id === best.id);
      return { id: best.id, via: 'participants', shared: best.shared, ...(entry ? { entry } : {}) };
    }
    return { id: slugify(name) || 'forum', via: 'new' };
  }
}
