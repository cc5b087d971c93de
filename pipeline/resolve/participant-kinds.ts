import type { AuthorityKind } from '../../schemas/authority.js';
import type { ParticipantKindsFile } from './registry-schema.js';
import { nameKey } from './normalise.js';

/** Recognises participants that are not state authorities ("municipal social services"). */
export interface ParticipantKinds {
  kindOf(name: string, language: 'en' | 'sv'): AuthorityKind | undefined;
}

export function participantKinds(file: ParticipantKindsFile): ParticipantKinds {
  const rules = file.map((r) => ({
    kind: r.kind,
    language: r.language,
    startsWith: r.startsWith.map(nameKey),
    contains: r.contains.map(nameKey),
  }));
  return {
    kindOf(name, language) {
      const key = nameKey(name);
      const padded = ` ${key} `;
      for (const r of rules) {
        if (r.language !== language) continue;
        if (r.startsWith.some((w) => key === w || key.startsWith(`${w} `))) return r.kind;
        if (r.contains.some((w) => padded.includes(` ${w} `))) return r.kind;
      }
      return undefined;
    },
  };
}
