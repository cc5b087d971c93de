// One page through parse and extract: the work the cache keeps and worker threads share. Kept
// apart from build.ts so that the parsers (unified, remark, rehype, micromark, parse5: a few
// hundred modules) load only when a page has to be computed, not on a build the cache answers.
import type { Source } from '../schemas/source.js';
import type { Registry } from './build.js';
import { createContext } from './extract/context.js';
import { extractForums } from './extract/extract.js';
import { lexicons } from './extract/lexicon/index.js';
import type { ReadPage } from './io/read-pages.js';
import { detectLanguage } from './parse/detect-language.js';
import { parseSidecarMeta } from './parse/metadata.js';
import { parsePage } from './parse/parse-page.js';
import { type PageResult, storeMessage } from './page-result.js';
import { sourceIdOf } from './source-id.js';
import { messageOn } from './util/message.js';

/** Parse a page and gather its Source record: metadata from front matter, sidecar and HTML. */
function readPageSource(page: ReadPage & { relPath: string }) {
  const tree = parsePage(page.file, page.format);
  const meta = { ...(page.file.data.meta ?? {}), ...(page.metaFile ? parseSidecarMeta(page.metaFile) : {}) };
  if (!meta.title && page.file.data.htmlTitle) meta.title = page.file.data.htmlTitle;
  const htmlLanguage = page.file.data.htmlLanguage;
  let language = meta.language ?? (htmlLanguage === 'en' || htmlLanguage === 'sv' ? htmlLanguage : undefined);
  if (!language) {
    language = detectLanguage(String(page.file.value)).language;
    messageOn(page.file, `Unexpected page without \`language\` in its metadata, expected en or sv; detected ${language}`, { ruleId: 'language-detected', source: 'samverkan' });
  }
  if (!meta.url) messageOn(page.file, 'Unexpected page without `url` in its metadata, expected the address it was saved from', { ruleId: 'meta-missing-url', source: 'samverkan' });
  const lastUpdated = meta.lastUpdated ?? page.file.data.lastUpdated;
  const source: Source = {
    id: sourceIdOf(page.relPath),
    path: page.relPath,
    format: page.format,
    ...(meta.url ? { url: meta.url } : {}),
    ...(meta.title ? { title: meta.title } : {}),
    language,
    languageFrom: meta.language || htmlLanguage === language ? 'metadata' : 'detected',
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
    ...(meta.retrieved ? { retrieved: meta.retrieved } : {}),
    ...(lastUpdated ? { lastUpdated } : {}),
    sha256: page.sha256,
  };
  return { page, tree, meta, source };
}

/** Read, parse and extract one page: the unit of work that the cache keeps and workers share. */
export function computePageResult(page: ReadPage & { relPath: string }, registry: Registry): PageResult {
  const pageStart = page.file.messages.length;
  const metaStart = page.metaFile?.messages.length ?? 0;
  const { tree, meta, source } = readPageSource(page);
  const extractStart = page.file.messages.length;
  const publisherId = meta.publisher ? registry.index.resolveExact(meta.publisher)?.candidate.entryId : undefined;
  const ctx = createContext({ file: page.file, sourceId: source.id, lexicon: lexicons[source.language], index: registry.index, kinds: registry.kinds, ...(publisherId ? { publisherId } : {}) });
  const forums = extractForums(ctx, tree, meta.title);
  return {
    source,
    forums,
    pageMessages: page.file.messages.slice(pageStart, extractStart).map(storeMessage),
    metaMessages: (page.metaFile?.messages.slice(metaStart) ?? []).map(storeMessage),
    extractMessages: page.file.messages.slice(extractStart).map(storeMessage),
  };
}
