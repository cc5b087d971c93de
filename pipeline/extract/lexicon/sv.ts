import type { Lexicon } from './types.js';

const words = (s: string): string[][] => s.split('|').map((p) => p.trim().split(/\s+/));

const units = ['', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'];
/** "tjugoen" … "tjugonio": Swedish writes these as one word. */
const compounds: Record<string, number> = {};
for (const [tens, value] of [['tjugo', 20], ['trettio', 30]] as const) units.forEach((u, i) => u !== '' && (compounds[`${tens}${u}`] = value + i));

export const sv: Lexicon = {
  language: 'sv',
  titleCaseNames: false,
  verbSecond: true,
  numbers: {
    en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10,
    elva: 11, tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18,
    aderton: 18, nitton: 19, tjugo: 20, tjugoett: 21, trettio: 30, fyrtio: 40, femtio: 50,
    ...compounds,
  },
  groupNouns: [
    'myndigheter', 'myndigheterna', 'myndighet', 'organisationer', 'organisationerna', 'aktörer', 'aktörerna',
    'medlemmar', 'medlemmarna', 'deltagare', 'deltagarna', 'parter', 'parterna', 'nätverksmyndigheter',
    'nätverksmyndigheterna', 'samverkansmyndigheter', 'samverkansparter', 'instanser', 'aktörerna',
  ],
  countModifiers: ['andra', 'övriga', 'ytterligare', 'olika', 'samverkande', 'deltagande', 'medverkande', 'statliga', 'svenska', 'berörda', 'nationella', 'centrala', 'samarbetande', 'ingående', 'samtliga'],
  relativeWords: ['övriga', 'andra', 'ytterligare', 'resterande', 'fler'],
  networkStems: ['nätverk', 'adjunger', 'associer'],
  networkStemsAfterNoun: ['adjunger', 'associer'],
  copulas: words('är|utgörs av|består av|omfattar|inkluderar|var|blir'),
  copulaFillers: ['nu', 'numera', 'för', 'närvarande', 'idag', 'också', 'även', 'följande', 'dessutom'],
  conjunctions: words('och|samt|liksom|plus|jämte'),
  relativePronouns: ['som', 'vilken', 'vilket', 'vilka', 'där'],
  nameStopWords: ['i', 'på', 'till', 'sedan', 'från', 'med', 'av', 'som', 'är', 'var', 'har', 'hade', 'ska', 'kommer', 'när', 'under', 'efter', 'före', 'inom', 'genom', 'vid'],
  nameConnectors: ['för', 'i', 'och', 'mot', 'av', 'om', 'vid'],
  indefinites: ['en', 'ett', 'flera', 'många', 'några', 'olika', 'andra', 'alla', 'varje', 'sina', 'deras', 'våra', 'dessa', 'de', 'denna', 'detta', 'vissa', 'samtliga', 'båda', 'övriga'],
  leadBefore: words('leds av|ledd av|ledda av|letts av|under ledning av|leds gemensamt av|är ledd av|med ordförande från|ordförande är|ordförande var|ordförandeskapet innehas av|ordförandeskapet har|leddes av|leddes gemensamt av|har letts av|har lett av'),
  coordinatorBefore: words('samordnas av|samordnad av|samordnat av|koordineras av|sammankallas av|med samordning från|sekretariatet finns hos|sekretariatet fanns hos|sekretariatet ligger hos|sekretariatet ligger på|sekretariatet finns på|med sekretariat hos|sekretariat hos|samordnades av|koordinerades av|sammankallades av|har samordnats av'),
  initiatorBefore: words('initierades av|initierad av|initierat av|startades av|grundades av|bildades av|på initiativ av|på initiativ från|lanserades av|togs fram av|inrättades av|etablerades av|sjösattes av|tog initiativ av'),
  memberBefore: words('samverkan med|samarbete med|tillsammans med|i samverkan med|i samarbete med|samverkar med|samarbetar med|förutom|vid sidan av'),
  betweenBefore: words('mellan|bland'),
  leadAfter: words('leder|har lett|har letts|är ledande|har ledningen|ansvarar för ledningen|är ordförande|har ordförandeskapet|håller i arbetet|höll i arbetet|håller ihop arbetet|höll ihop arbetet|leder arbetet|ledde'),
  coordinatorAfter: words('samordnar|är samordnande myndighet|är samordnande|är sammankallande|koordinerar|håller i samordningen|ansvarar för samordningen|har sekretariatet|hade sekretariatet|står för sekretariatet|håller i sekretariatet|ansvarar för sekretariatet|samordnade'),
  initiatorAfter: words('tog initiativ till|tog initiativet till|har tagit initiativ|tog initiativ|initierade|startade|grundade|sjösatte'),
  memberAfter: words('deltar|deltar också|deltar även|har deltagit|ingår|ingår också|ingår även|har ingått|är med|är medlem|har varit medlem|medverkar|har medverkat|är en av|är del av|är delaktig|har anslutit|anslöt|är också med|har också varit medlem|har även varit medlem|anslöt också|anslöt även|har också anslutit|har även anslutit|sitter med|satt med|deltog|deltog också|deltog även|ingick|ingick också|ingick även|medverkade|var med|var också med|var medlem'),
  listVerbs: words('involverar|samlar|samlade|inkluderar|bestående av|inklusive|omfattande|består av|bestod av|utgörs av|utgjordes av|omfattar|omfattade|ingår|ingick'),
  approximators: words('fler än|mer än|färre än|minst|högst|drygt|cirka|ca|omkring|runt|nästan|knappt|över|ungefär|upp till|än'),
  endPrepositions: words('till och med|fram till|t o m|tom|vid utgången av|till utgången av|fram till utgången av|till slutet av|till'),
  endVerbs: words('avslutades|upphörde|avvecklades|lades ned|lades ner|slutade|löpte ut|avslutas|upphör'),
  leadNouns: words('ordförande|ordförandeskap|ordförandeskapet|leder|ledare|ledande myndighet|ledning|ansvarig myndighet|huvudansvarig'),
  coordinatorNouns: words('sekretariat|sekretariatet|samordnare|samordnande|samordnande myndighet|samordnar|sammankallande|sammankallar|samordning'),
  commissionBefore: words('på uppdrag av|på uppdrag från|efter uppdrag från|uppdrag från|beställt av'),
  startVerbs: words('startade|startades|inleddes|påbörjades|bildades|inrättades|grundades|etablerades|sjösattes|lanserades|initierades|har funnits|funnits|pågått|pågår|påbörjade|bildade|inrättade|kom igång|drog igång|började|startat|inlett|pågick|har pågått|var igång'),
  yearPrepositions: words('sedan|från|i|från och med|fr o m|under|år|redan'),
  seasons: ['våren', 'sommaren', 'hösten', 'vintern'],
  months: {
    januari: 1, februari: 2, mars: 3, april: 4, maj: 5, juni: 6, juli: 7, augusti: 8, september: 9, oktober: 10, november: 11, december: 12,
  },
  listIntroducers: ['myndigheter', 'myndigheterna', 'medlemmar', 'medlemmarna', 'deltagare', 'deltagarna', 'följande', 'aktörer', 'parter', 'ingår', 'deltar', 'nätverksmyndigheter', 'organisationer'],
  questionPrefixes: words('vad är|vad var|vad menas med|vad innebär'),
  aboutWords: ['om'],
  abbreviations: ['t.ex', 'bl.a', 's.k', 'm.fl', 'o.s.v', 'dvs', 'ca', 'fr.o.m', 't.o.m', 'jfr', 'm.m', 'resp', 'nr'],
};
