/**
 * The words a language uses for the facts samverkan extracts. Phrases are lists of normalised
 * words (see resolve/normalise.ts); the extractor matches them against word tokens.
 * No forum or authority name belongs here: names live in sources/registry/.
 */
export interface Lexicon {
  language: 'en' | 'sv';
  /** names are written with every main word capitalised (English), or only the first (Swedish) */
  titleCaseNames: boolean;
  /** after a fronted phrase the verb comes before its subject ("Sedan 2015 deltar även X") */
  verbSecond: boolean;
  /** number words up to thirty at least, as normalised words → value */
  numbers: Record<string, number>;
  /** nouns that name a counted group of participants ("authorities", "myndigheter") */
  groupNouns: string[];
  /** words that may stand between a number and its group noun ("other", "cooperating") */
  countModifiers: string[];
  /** words that make a count or a list "the others" (the lead is not among them) */
  relativeWords: string[];
  /** a word containing one of these marks the network-member group ("network", "nätverk", "associated") */
  networkStems: string[];
  /** those of networkStems that may also stand after the group noun ("fyra myndigheter adjungerade") */
  networkStemsAfterNoun: string[];
  /** verbs that introduce a list after a subject naming the group ("are", "include") */
  copulas: string[][];
  /** words that may stand between the copula and the list ("now", "currently") */
  copulaFillers: string[];
  /** separators inside an enumeration ("and", "as well as") */
  conjunctions: string[][];
  /** words that start a relative clause after a name ("which", "som") */
  relativePronouns: string[];
  /** words that end a name when a name has to be found without the registry */
  nameStopWords: string[];
  /** small words that may sit inside a name between capitalised words ("of", "for", "and") */
  nameConnectors: string[];
  /** indefinite words: a phrase starting with one is never a name ("a", "several") */
  indefinites: string[];
  /** participation cues followed by the participant(s) */
  leadBefore: string[][];
  coordinatorBefore: string[][];
  initiatorBefore: string[][];
  /** "with"-cues: "together with X", "in cooperation with X" (X is a member) */
  memberBefore: string[][];
  /** "among"-cues: "cooperation between A and B" */
  betweenBefore: string[][];
  /** participation cues that follow the participant */
  leadAfter: string[][];
  coordinatorAfter: string[][];
  initiatorAfter: string[][];
  memberAfter: string[][];
  /** a role written after a listed participant, in its table row or bullet ("Swedish Customs | chair", "Tullverket – sekretariat") */
  leadNouns: string[][];
  coordinatorNouns: string[][];
  /** "commissioned by", "on behalf of" */
  commissionBefore: string[][];
  /** verbs followed directly by a list of participants ("involved", "brings together") */
  listVerbs: string[][];
  /** words before a number that make it approximate, so not a count to check ("more than") */
  approximators: string[][];
  /** words before a year that make it the end of the forum ("until") */
  endPrepositions: string[][];
  /** verbs that date the forum's end with "in YEAR" ("ended", "was wound up") */
  endVerbs: string[][];
  /** verbs that date the forum's start ("started", "was launched") */
  startVerbs: string[][];
  /** words before a year that make it a joining or start date ("since", "as of") */
  yearPrepositions: string[][];
  /** seasons, which may stand before a year as a month does ("since autumn 2019", "hösten 2019"): the year is kept, no month */
  seasons: string[];
  /** month names → 1..12 */
  months: Record<string, number>;
  /** words before a colon that make the list after it a list of participants */
  listIntroducers: string[];
  /** a question heading that starts with one of these names what it asks about ("What is …?", "Vad är …?") */
  questionPrefixes: string[][];
  /** a heading that starts with one of these is about what the page title names ("About the council", "Om insatsen") */
  aboutWords: string[];
  /** abbreviations that end in a full stop but do not end a sentence */
  abbreviations: string[];
  /** stop words for language detection are in parse/detect-language.ts */
}
