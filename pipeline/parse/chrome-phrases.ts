/**
 * Page chrome: words a saved page carries from the website around the content
 * (link annotations, footers, buttons). Kept as data, one object per page language;
 * the plain-text parser matches every language's phrases because a page's language
 * is not known when it is parsed.
 */
export interface ChromePhrases {
  /** Phrases a screen-reader-friendly site appends to a link's text; a line ending in one is a link. */
  readonly linkResidue: readonly string[];
  /** Footer labels before the page's update date ("Last updated: 13 May 2024"). */
  readonly lastUpdated: readonly string[];
  /** Lines that are only a button or control label. */
  readonly controls: readonly string[];
  /** Month names, January first; a prefix of at least three letters also matches ("Sept", "okt"). */
  readonly months: readonly string[];
}

export const en: ChromePhrases = {
  linkResidue: ['External link, opens in new window.', 'External link, opens in new window', 'opens in new window.', 'opens in new window', 'Link to another website.', 'Link to another website'],
  lastUpdated: ['Last updated:', 'Page last updated:'],
  controls: ['Print', 'Share', 'Back to top', 'Print page', 'Share page'],
  months: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
};

export const sv: ChromePhrases = {
  linkResidue: ['Extern länk, öppnas i nytt fönster.', 'Extern länk, öppnas i nytt fönster', 'Länk till annan webbplats.', 'Länk till annan webbplats', 'öppnas i nytt fönster.', 'öppnas i nytt fönster'],
  lastUpdated: ['Senast uppdaterad:', 'Sidan uppdaterades:'],
  controls: ['Skriv ut', 'Dela', 'Till toppen', 'Skriv ut sidan', 'Dela sidan'],
  months: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
};

export const chromePhrases = { en, sv } as const;
