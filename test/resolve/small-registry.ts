// A hand-made registry small enough to reason about, shaped like sources/registry/authorities.json.
import type { RegistryEntry } from '../../pipeline/resolve/registry-schema.js';
import { NameIndex } from '../../pipeline/resolve/name-index.js';
import { participantKinds } from '../../pipeline/resolve/participant-kinds.js';

export function entry(id: string, sv: string, en: string | undefined, extra: Partial<RegistryEntry> = {}): RegistryEntry {
  return { id, name: en ? { sv, en } : { sv }, otherNames: [], formerNames: [], abbreviations: [], kind: 'state-agency', active: true, ...extra };
}

export const smallEntries: RegistryEntry[] = [
  entry('kriminalvarden', 'Kriminalvården', 'Swedish Prison and Probation Service'),
  // a shorter name that is a prefix of the one above
  entry('fangelseverket', 'Fängelseverket', 'Swedish Prison'),
  entry('centrala-studiestodsnamnden', 'Centrala studiestödsnämnden', 'Swedish Board for Study Support', { abbreviations: ['CSN'] }),
  entry('myndigheten-for-civilt-forsvar', 'Myndigheten för civilt försvar', 'Swedish Civil Defence and Resilience Agency', {
    formerNames: ['Myndigheten för samhällsskydd och beredskap', 'Swedish Civil Contingencies Agency'],
    abbreviations: ['MSB'],
  }),
  // an authority that no longer exists and whose name a successor carries as former name
  entry('gamla-tullen', 'Gamla tullen', 'Old Customs Board', { active: false }),
  entry('tullverket', 'Tullverket', 'Swedish Customs', { formerNames: ['Old Customs Board'], otherNames: ['Board of Customs'] }),
  entry('polismyndigheten', 'Polismyndigheten', 'Swedish Police Authority'),
  entry('skatteverket', 'Skatteverket', 'Swedish Tax Agency'),
  // two authorities that share an English spelling (an ambiguity)
  entry('harbour-board-north', 'Hamnnämnden i norr', 'Harbour Board'),
  entry('harbour-board-south', 'Hamnnämnden i söder', 'Harbour Board'),
];

export const smallAliases = [
  { name: 'Swedish Prison', authority: 'kriminalvarden' },
  { name: 'the police', authority: 'polismyndigheten' },
];

export function smallIndex(): NameIndex {
  return new NameIndex(smallEntries, smallAliases);
}

export const smallKinds = participantKinds([
  { kind: 'municipal', language: 'en', startsWith: [], contains: ['municipal', 'municipalities'] },
  { kind: 'government', language: 'en', startsWith: ['the government', 'government'], contains: [] },
  { kind: 'county-board', language: 'en', startsWith: [], contains: ['county administrative boards'] },
  { kind: 'municipal', language: 'sv', startsWith: [], contains: ['kommun'] },
]);
