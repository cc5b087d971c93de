import type { VFile } from 'vfile';
import type { Authority } from '../schemas/authority.js';
import type { CountCheck } from '../schemas/count-check.js';
import type { Forum } from '../schemas/forum.js';
import type { Membership } from '../schemas/membership.js';
import type { Source } from '../schemas/source.js';
import { runCountChecks } from './check/index.js';
import { createContext } from './extract/context.js';
import { extractForums } from './extract/extract.js';
import { lexicons } from './extract/lexicon/index.js';
import type { LoadedRegistry } from './io/read-registry.js';
import type { ReadPage } from './io/read-pages.js';
import { detectLanguage } from './parse/detect-language.js';
import { parseSidecarMeta } from './parse/metadata.js';
import { parsePage } from './parse/parse-page.js';
import { assemble, type PageForums } from './resolve/assemble.js';
import { NameIndex } from './resolve/name-index.js';
import { participantKinds } from './resolve/participant-kinds.js';
import { compareCodeUnits } from './util/compare.js';

export interface Dataset {
  authorities: Authority[];
  forums: Forum[];
  memberships: Membership[];
  countChecks: CountCheck[];
  sources: Source[];
}

export interface BuildResult {
  dataset: Dataset;
  /** every page's VFile (and sidecar VFiles) with the messages found */
  files: VFile[];
  /** pages that could not be used, with the reason */
  skipped: { path: string; reason: string }[];
}

/** The page id: its path under pages/ without extension, lower-case. */
export function sourceIdOf(relPath: string): string {
  return relPath
    .replace(/^pages\//u, '')
    .replace(/\.(txt|md|html)$/iu, '')
    .split('/')
    .map((s) => s.toLowerCase().replace(/[^a-z0-9.-]+/gu, '-').replace(/^[^a-z0-9]+/u, ''))
    .join('/');
}

export interface Registry {
  index: NameIndex;
  kinds: ReturnType<typeof participantKinds>;
}

export function prepareRegistry(loaded: LoadedRegistry): Registry {
  return { index: new NameIndex(loaded.registry.authorities, loaded.aliases), kinds: participantKinds(loaded.kinds) };
}

/**
 * The whole pipeline on pages already read: parse → extract → resolve → check. Pure apart from
 * the messages it adds to the pages' VFiles.
 */
export function buildDataset(pages: readonly (ReadPage & { relPath: string })[], registry: Registry): BuildResult {
  const files: VFile[] = [];
  const sources: Source[] = [];
  const pageForums: PageForums[] = [];
  const skipped: BuildResult['skipped'] = [];
  for (const page of pages) {
    files.push(page.file);
    if (page.metaFile) files.push(page.metaFile);
    const tree = parsePage(page.file, page.format);
    const meta = { ...(page.file.data.meta ?? {}), ...(page.metaFile ? parseSidecarMeta(page.metaFile) : {}) };
    if (!meta.title && page.file.data.htmlTitle) meta.title = page.file.data.htmlTitle;
    const htmlLanguage = page.file.data.htmlLanguage;
    let language = meta.language ?? (htmlLanguage === 'en' || htmlLanguage === 'sv' ? htmlLanguage : undefined);
    if (!language) {
      language = detectLanguage(String(page.file.value)).language;
      page.file.message(`Unexpected page without \`language\` in its metadata, expected en or sv; detected ${language}`, { ruleId: 'language-detected', source: 'samverkan' });
    }
    if (!meta.url) page.file.message('Unexpected page without `url` in its metadata, expected the address it was saved from', { ruleId: 'meta-missing-url', source: 'samverkan' });
    const sourceId = sourceIdOf(page.relPath);
    const publisherId = meta.publisher ? registry.index.resolveExact(meta.publisher)?.candidate.entryId : undefined;
    const ctx = createContext({ file: page.file, sourceId, lexicon: lexicons[language], index: registry.index, kinds: registry.kinds, ...(publisherId ? { publisherId } : {}) });
    const forums = extractForums(ctx, tree, meta.title);
    pageForums.push({ file: page.file, language, forums });
    const lastUpdated = meta.lastUpdated ?? page.file.data.lastUpdated;
    sources.push({
      id: sourceId,
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
    });
  }
  const assembled = assemble(pageForums, registry.index, registry.kinds);
  const countChecks = runCountChecks(assembled.groups);
  return {
    dataset: {
      authorities: assembled.authorities,
      forums: assembled.forums,
      memberships: assembled.memberships,
      countChecks,
      sources: sources.sort((a, b) => compareCodeUnits(a.id, b.id)),
    },
    files,
    skipped,
  };
}
