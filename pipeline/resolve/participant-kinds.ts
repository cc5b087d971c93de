import type { AuthorityKind } from '../../schemas/authority.js';
import type { ParticipantKindsFile } from './registry-schema.js';
import { nameKey } from './normalise.js';

/** Recognises participants that are not state authorities ("municipal social services"). */
export interface ParticipantKinds {
  kindOf(name: string, language: 'en' | 'sv'): AuthorityKind | undefined;
}

const KNOWN_LIMIT = 50_000;

export function participantKinds(file: ParticipantKindsFile): ParticipantKinds {
  const rules = file.map((r) => ({
    kind: r.kind,
    language: r.language,
    startsWith: r.startsWith.map(nameKey),
    contains: r.contains.map(nameKey),
  }));
  const match = (name: string, language: 'en' | 'sv'): AuthorityKind | undefined => {
    const key = nameKey(name);
    const padded = ` ${key} `;
    for (const r of rules) {
      if (r.language !== language) continue;
      if (r.startsWith.some((w) => key === w || key.startsWith(`${w} `))) return r.kind;
      if (r.contains.some((w) => padded.includes(` ${w} `))) return r.kind;
    }
    return undefined;
  };
  // Extraction asks about the same few phrases many times a page: answer each once. The bound
  // keeps a long-running process from holding every phrase it has ever seen.
  const en = new Map<string, AuthorityKind | null>();
  const sv = new Map<string, AuthorityKind | null>();
  return {
    kindOf(name, language) {
      const seen = language === 'en' ? en : language === 'sv' ? sv : undefined;
      if (!seen) return match(name, language);
      let kind = seen.get(name);
      if (kind === undefined) {
        kind = match(name, language) ?? null;
        if (seen.size >= KNOWN_LIMIT) seen.clear();
        seen.set(name, kind);
      }
      return kind ?? undefined;
    },
  };
}
