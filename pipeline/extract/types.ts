import type { Evidence } from '../../schemas/evidence.js';
import type { CountGroup } from '../../schemas/count-check.js';
import type { Role } from '../../schemas/ids.js';
import type { NameCandidate } from '../resolve/name-index.js';

/** A participant's name as a page writes it, where, and the registry entry its words matched. */
export interface Mention {
  /** the name without leading article or trailing clause, as written */
  name: string;
  evidence: Evidence;
  /** registry match of the whole name, if the index knew it */
  match?: NameCandidate;
  alternatives?: NameCandidate[];
  /** an abbreviation written after the name in parentheses: "(CSN)" */
  abbreviation?: string;
  /** `match` names only the start of the name ("Police Region Stockholm"): resolved, with a warning */
  partial?: true;
}

export interface ParticipantFact {
  mention: Mention;
  role: Role;
  /** named as working with the counted group ("Together with X, the four authorities …"): a partner unless in it */
  partnerIfOutside?: boolean;
}

export interface CountFact {
  value: number;
  /** the phrase that states it: "Nine additional authorities" */
  text: string;
  evidence: Evidence;
  /** the count covers "the others" only (the lead is not among them) */
  relative: boolean;
  group: CountGroup;
}

/** A list of participants that forms a group a count can be checked against. */
export interface GroupFact {
  group: CountGroup;
  items: Mention[];
  /** participants that belong to the group without being in the list ("led by X. The other …") */
  implied: Mention[];
  listEvidence: Evidence[];
  counts: CountFact[];
  /** the list is introduced as "the other …": the forum's lead belongs to the group too */
  others: boolean;
}

export interface DatedFact<T> {
  value: T;
  evidence: Evidence;
}

export interface SinceFact {
  mention: Mention;
  year: number;
  evidence: Evidence;
}

/** What one section of one page says about one forum, before names are resolved. */
export interface ExtractedForum {
  sourceId: string;
  language: 'en' | 'sv';
  name: string;
  acronym?: string;
  nameEvidence: Evidence;
  participants: ParticipantFact[];
  groups: GroupFact[];
  /** counts that name no list of their own; they belong to the forum's main group */
  looseCounts: CountFact[];
  start?: DatedFact<{ year: number; month?: number }>;
  end?: DatedFact<{ year: number }>;
  commissionedBy?: DatedFact<string>;
  since: SinceFact[];
}
