export { parsePage, type ParseFormat } from './parse-page.js';
export { remarkPlainText, parsePlainText } from './plain-text.js';
export { markdownProcessor, readFrontMatter } from './markdown.js';
export { PageMeta, parseMetaYaml, parseSidecarMeta, type MetaOrigin } from './metadata.js';
export { detectLanguage, functionWords, type PageLanguage } from './detect-language.js';
export { chromePhrases, type ChromePhrases } from './chrome-phrases.js';
export { normaliseDate } from './parse-date.js';
export type { ChromeKind, ChromeLine, PageLink } from './vfile-data.js';
