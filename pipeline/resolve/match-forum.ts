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
   * with how many they share; forums with more than `largest` participants are left out.
   *
   * Shared participants are counted per forum by walking the participants' forum lists, rarest
   * first. A qualifying forum must hold one of the `size − atLeast + 1` rarest (prefix
   * filtering), so only those lists make candidates; each later, commoner participant adds to
   * the candidates left by whichever is shorter, its forum list or the candidates, and a
   * candidate that can no longer reach `atLeast` is dropped. A participant in nearly every forum
   * (the police, say) thus neither makes every forum a candidate nor is walked forum by forum.
   */
  sharing(participants: ReadonlySet<string>, atLeast: number, largest = Infinity): { id: string; forum: SeenEntry; shared: number }[] {
    if (atLeast < 1 || participants.size < atLeast) return [];
    const lists: { p: string; forums: ReadonlySet<string> }[] = [];
    for (const p of participants) lists.push({ p, forums: this.byParticipant.get(p) ?? NO_FORUMS });
    lists.sort((a, b) => a.forums.size - b.forums.size);
    const prefix = participants.size - atLeast + 1;
    const shared = new Map<string, number>();
    for (let i = 0; i < prefix; i++) {
      for (const id of (lists[i] as (typeof lists)[number]).forums) {
        const n = shared.get(id);
        if (n !== undefined) shared.set(id, n + 1);
        else {
          // a forum larger than `largest`, or too small to share `atLeast`, can never qualify
          const size = (this.forums.get(id) as SeenEntry).participants.size;
          if (size <= largest && size >= atLeast) shared.set(id, 1);
        }
      }
    }
    for (let i = prefix; i < lists.length && shared.size > 0; i++) {
      const { p, forums } = lists[i] as (typeof lists)[number];
      // participants after this one: a candidate short of `atLeast` by more than that is dropped
      const after = lists.length - i - 1;
      if (forums.size < shared.size) {
        for (const id of forums) {
          const n = shared.get(id);
          if (n !== undefined) shared.set(id, n + 1);
        }
        continue;
      }
      for (const [id, n] of shared) {
        const now = (this.forums.get(id) as SeenEntry).participants.has(p) ? n + 1 : n;
        if (now + after < atLeast) shared.delete(id);
        else if (now !== n) shared.set(id, now);
      }
    }
    const found: { id: string; forum: SeenEntry; shared: number }[] = [];
    for (const [id, n] of shared) if (n >= atLeast) found.push({ id, forum: this.forums.get(id) as SeenEntry, shared: n });
    return found.sort((a, b) => a.forum.rank - b.forum.rank);
  }
}

/** The forum list of a participant no forum has named yet. */
const NO_FORUMS: ReadonlySet<string> = new Set();

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
