import type { Lexicon } from './types.js';

const words = (s: string): string[][] => s.split('|').map((p) => p.trim().split(/\s+/));

export const en: Lexicon = {
  language: 'en',
  numbers: {
    one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
    eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  },
  groupNouns: ['authorities', 'authority', 'agencies', 'agency', 'organisations', 'organizations', 'members', 'participants', 'parties', 'bodies', 'actors', 'partners', 'players', 'stakeholders'],
  countModifiers: ['other', 'additional', 'further', 'more', 'different', 'cooperating', 'collaborating', 'participating', 'member', 'network', 'partner', 'government', 'governmental', 'state', 'swedish', 'public', 'national', 'central', 'involved', 'remaining', 'core', 'affiliated', 'associated', 'all'],
  relativeWords: ['other', 'additional', 'further', 'more', 'remaining', 'another', 'rest'],
  networkStems: ['network'],
  copulas: words('are|include|includes|included|comprise|comprises|consist of|consists of|are as follows|were|is'),
  copulaFillers: ['now', 'currently', 'also', 'today', 'presently', 'at present', 'as', 'follows'],
  conjunctions: words('and|as well as|plus|along with'),
  relativePronouns: ['which', 'who', 'whose', 'that', 'where'],
  nameStopWords: ['in', 'on', 'at', 'to', 'since', 'from', 'with', 'by', 'which', 'who', 'that', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'as', 'when', 'while', 'during', 'through', 'into', 'under', 'after', 'before', 'within'],
  nameConnectors: ['of', 'for', 'and', 'on', 'against', 'in', 'the'],
  indefinites: ['a', 'an', 'several', 'many', 'some', 'various', 'other', 'number', 'all', 'each', 'every', 'its', 'their', 'our', 'these', 'those', 'this', 'both', 'any'],
  leadBefore: words('led by|headed by|chaired by|directed by|under the leadership of|under the direction of|run by|managed by'),
  coordinatorBefore: words('coordinated by|co-ordinated by|co ordinated by|convened by|hosted by'),
  initiatorBefore: words('launched by|initiated by|started by|set up by|founded by|established by|formed by|created by|an initiative of|an initiative by|on the initiative of|at the initiative of'),
  memberBefore: words('cooperation with|co-operation with|collaboration with|together with|in cooperation with|in collaboration with|cooperates with|collaborates with|cooperating with|collaborating with|jointly with|alongside|partnership with|works with|working with'),
  betweenBefore: words('between|among|amongst'),
  leadAfter: words('has led|have led|led|leads|heads|chairs|is leading|is the lead authority|is lead authority|has the lead|has the leading role|is in charge of|is responsible for leading|is the chair'),
  coordinatorAfter: words('coordinates|co-ordinates|is the coordinating authority|is coordinating|is responsible for coordinating|is responsible for the coordination|convenes|hosts the secretariat'),
  initiatorAfter: words('took the initiative|has taken the initiative|launched|initiated|started the|founded|set up the'),
  memberAfter: words('has been part of|have been part of|has been part|has also been part|are also involved|is also involved|are involved|also take part|also takes part|also participate|also participates|are also part of|has taken part|have taken part|takes part|take part|took part|participates|participate|participated|has participated|have participated|is part of|are part of|is a member|are members|has been a member|have been members|became a member|joined|has joined|have joined|is one of|is involved|has been involved|is included|are included|is represented|are represented|is also part|is also a member'),
  commissionBefore: words('commissioned by|on behalf of|on the instructions of|on assignment from|assigned by|tasked by|at the request of|mandated by'),
  listVerbs: words('involved|involves|involving|brings together|bring together|brought together|gathers|gathered|unites|united|comprising|including|consisting of'),
  approximators: words('more than|less than|fewer than|at least|at most|about|around|over|nearly|almost|some|approximately|roughly|up to|over the|than'),
  endPrepositions: words('until|till|through|up to|up until'),
  endVerbs: words('ended|ends|will end|closed|was closed|was wound up|was discontinued|was dissolved|came to an end|concluded|was concluded|expired|expires'),
  startVerbs: words('form|to form|set up|to set up|establish|launch|create|existed|has existed|exists|has been running|has been in place|has operated|operating|started|start|began|begun|begin|was set up|were set up|set up|established|founded|formed|launched|created|initiated|inaugurated|commenced|was started up|started up|came into being|was introduced|introduced'),
  yearPrepositions: words('as of|since|from|in|starting in|beginning in|as from|effective'),
  months: {
    january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  },
  listIntroducers: ['authorities', 'agencies', 'members', 'participants', 'parties', 'following', 'organisations', 'organizations', 'partners', 'bodies', 'part', 'participate', 'included', 'includes', 'include'],
  abbreviations: ['e.g', 'i.e', 'etc', 'approx', 'incl', 'no', 'nr', 'vs', 'cf', 'mr', 'ms', 'dr'],
};
