/**
 * Language of a page without metadata, from how often each language's function words
 * occur. The word lists hold only words that are not also common in the other language
 * ("i", "man", "under", "by" are left out or kept on one side only).
 */
export type PageLanguage = 'en' | 'sv';

export const functionWords: Readonly<Record<PageLanguage, readonly string[]>> = {
  en: [
    'the', 'and', 'of', 'to', 'in', 'is', 'are', 'was', 'were', 'be', 'been', 'that', 'this', 'these', 'those', 'for', 'with',
    'as', 'on', 'by', 'which', 'it', 'its', 'from', 'or', 'an', 'at', 'have', 'has', 'had', 'not', 'they', 'their', 'also',
    'other', 'can', 'will', 'into', 'all', 'more', 'there', 'who', 'about', 'such', 'between', 'against', 'through', 'we', 'our',
  ],
  sv: [
    'och', 'att', 'det', 'som', 'en', 'ett', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'vi',
    'men', 'från', 'kan', 'så', 'eller', 'när', 'också', 'vid', 'hos', 'sina', 'sin', 'sitt', 'efter', 'mot', 'genom', 'samt',
    'inom', 'detta', 'dessa', 'vara', 'blir', 'hade', 'skulle', 'kommer', 'mellan', 'där', 'bland', 'andra', 'alla', 'vår', 'sig',
  ],
};

/** Each å, ä or ö counts this much towards Swedish (a function word counts 1). */
const swedishLetterWeight = 0.5;

const wordSets = { en: new Set(functionWords.en), sv: new Set(functionWords.sv) };

/**
 * `confidence` is the winner's share of the evidence (0.5 to 1), or 0 when the text has
 * no evidence at all, in which case the answer is 'en' by convention: check the confidence.
 */
export function detectLanguage(text: string): { language: PageLanguage; confidence: number } {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let en = 0;
  let sv = 0;
  for (const word of words) {
    if (wordSets.en.has(word)) en += 1;
    if (wordSets.sv.has(word)) sv += 1;
  }
  sv += (text.match(/[åäöÅÄÖ]/g)?.length ?? 0) * swedishLetterWeight;
  const total = en + sv;
  if (total === 0) return { language: 'en', confidence: 0 };
  const language: PageLanguage = sv > en ? 'sv' : 'en';
  return { language, confidence: Math.max(en, sv) / total };
}
