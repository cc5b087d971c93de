/**
 * `samverkan add`: where a saved page goes under `pages/` and what its sidecar says.
 * Pure (no files, no clock): the caller reads the page and lists the pages already
 * stored; every rule (site, slug, language, version naming, refusals) lives here.
 */
import { createHash } from 'node:crypto';
import type { RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { stringify } from 'yaml';
import type { Language } from '../../schemas/ids.js';
import { sourceIdOf } from '../build.js';
import { detectLanguage } from '../parse/detect-language.js';
import { PageMeta } from '../parse/metadata.js';
import { parsePage } from '../parse/parse-page.js';
import '../parse/vfile-data.js';
import { compareCodeUnits } from '../util/compare.js';

export type AddFormat = 'txt' | 'md' | 'html';

/** A page already under `pages/`: its path relative to the sources folder and what its metadata says. */
export interface ExistingPage {
  relPath: string;
  sha256: string;
  url?: string;
  retrieved?: string;
}

export interface AddInput {
  /** The saved file's name (only its extension is used, and it names the file in messages). */
  fileName: string;
  bytes: Uint8Array;
  url: string;
  /** YYYY-MM-DD */
  retrieved: string;
  publisher?: string;
  language?: Language;
  existing: readonly ExistingPage[];
}

/** Where the page's language came from: the command line, the page's own metadata, or detection. */
export type LanguageFrom = 'option' | 'page' | 'detected';

export type AddPlan =
  | {
      action: 'store';
      /** `pages/<site>/<name>`, relative to the sources folder (POSIX separators) */
      relPath: string;
      format: AddFormat;
      meta: PageMeta;
      languageFrom: LanguageFrom;
      /** Pages already stored under the same site, slug and language: earlier versions. */
      versionOf: string[];
      /** Things the person adding should know; none of them stops the page being stored. */
      warnings: string[];
    }
  | { action: 'refuse'; reason: string };

const extensions: Readonly<Record<string, AddFormat>> = { '.txt': 'txt', '.md': 'md', '.html': 'html' };

/** The page format for a file name's extension (case-insensitive), or undefined for any other file. */
export function formatOf(fileName: string): AddFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? undefined : extensions[fileName.slice(dot).toLowerCase()];
}

const hostLabel = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * The folder for a URL: its host name without `www.`. The URL parser has already lower-cased
 * it and turned a non-ASCII name into punycode (malmö.se → xn--malm-8qa.se), which is kept
 * rather than folded so that two hosts never share a folder. Undefined for a host that is not
 * a plain DNS name or IPv4 address (`..`, `[::1]`, a trailing dot).
 */
export function siteOf(url: URL): string | undefined {
  const host = url.hostname.toLowerCase().replace(/^www\./u, '');
  return host.split('.').every((label) => hostLabel.test(label)) ? host : undefined;
}

/** A file name ends this long at most, so that `<slug>.<lang>.<date>-N.<ext>` stays a usable name. */
const maxSlugLength = 80;

/** Lower-case a-z, 0-9 and single hyphens; diacritics dropped (å→a, ä→a, ö→o, é→e). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return slug.slice(0, maxSlugLength).replace(/-+$/u, '');
}

/** Names that say "the folder's own page", not what the page is about. */
const genericSegments = new Set(['index', 'default']);

/** The last path segment that names something, without its extension, slugified; `index` when none does. */
export function slugOf(url: URL): string {
  const segments = url.pathname.split('/').map(decodeSegment).reverse();
  for (const segment of segments) {
    // Only a letter-led extension is one: `version-1.2` keeps its `.2`.
    const slug = slugify(segment.replace(/\.[a-z][a-z0-9]{0,4}$/iu, ''));
    if (slug !== '' && !genericSegments.has(slug)) return slug;
  }
  return 'index';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%` is text, not an escape
  }
}

/** What identifies a page across versions: host without `www.`, path without a trailing slash, query; not the scheme. */
function pageKey(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${siteOf(parsed) ?? parsed.hostname}${parsed.pathname.replace(/\/+$/u, '')}${parsed.search}`;
}

const refuse = (reason: string): AddPlan => ({ action: 'refuse', reason });

/** Decide where a saved page goes and what its sidecar says, or why it must not be added. */
export function planAdd(input: AddInput): AddPlan {
  const { fileName, existing } = input;
  const format = formatOf(fileName);
  if (format === undefined) return refuse(`${fileName}: unexpected file type, expected a saved page ending .html, .md or .txt`);

  if (!URL.canParse(input.url)) return refuse(`${input.url}: not a URL, expected an http or https address`);
  const url = new URL(input.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`${input.url}: unexpected ${url.protocol.replace(/:$/u, '')} URL, expected an http or https address`);
  if (url.username !== '' || url.password !== '') return refuse(`${input.url}: the URL holds a user name or password; give the address without them`);
  const site = siteOf(url);
  if (site === undefined) return refuse(`${input.url}: cannot make a folder name from the host \`${url.hostname}\`, expected a DNS name such as polisen.se`);

  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const same = existing.filter((page) => page.sha256 === sha256).sort((a, b) => compareCodeUnits(a.relPath, b.relPath));
  if (same.length > 0) {
    const where = same.map((page) => page.relPath + (page.url !== undefined && pageKey(page.url) !== pageKey(url.href) ? ` (saved from ${page.url})` : '')).join(', ');
    return refuse(`${fileName}: the same content is already stored as ${where}; nothing added`);
  }

  const text = decodeUtf8(input.bytes);
  if (text === undefined) return refuse(`${fileName}: unexpected bytes that are not UTF-8, expected a UTF-8 text file (convert it first)`);
  if (text.trim() === '') return refuse(`${fileName}: the page has no text`);
  const facts = readPageFacts(fileName, text, format);
  const warnings = [...facts.problems];
  if (facts.url !== undefined && pageKey(facts.url) !== pageKey(url.href)) {
    warnings.push(`${fileName}: the page's own metadata gives the URL ${facts.url}, not ${url.href}; the sidecar's --url wins in the build`);
  }

  const chosen = chooseLanguage(input.language, facts, fileName);
  if ('reason' in chosen) return refuse(chosen.reason);
  warnings.push(...chosen.warnings);
  const { language, from: languageFrom } = chosen;

  const checked = PageMeta.safeParse({
    url: url.href,
    ...(facts.title !== undefined && { title: facts.title }),
    language,
    ...(input.publisher !== undefined && { publisher: input.publisher.trim() }),
    retrieved: input.retrieved,
    sha256,
  });
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => `\`${issue.path.map(String).join('.')}\`: expected ${issue.message}`);
    return refuse(`${fileName}: unexpected metadata, ${issues.join('; ')}`);
  }

  const { relPath, family } = versionedPath(site, slugOf(url), language, format, input.retrieved, existing);
  warnings.push(...versionWarnings(family, url.href, input.retrieved));
  return { action: 'store', relPath, format, meta: checked.data, languageFrom, versionOf: family.map((page) => page.relPath), warnings };
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    // The BOM is dropped as readPage drops it: the parsers expect text without one.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

interface PageFacts {
  /** The page's text as a reader sees it (for language detection). */
  text: string;
  title?: string;
  /** `language` from front matter, or `<html lang>` when it is en or sv. */
  language?: Language;
  /** `<html lang>` when it is another language. */
  otherLanguage?: string;
  url?: string;
  /** Problems in the page's own metadata, as "file:line:column: reason". */
  problems: string[];
}

/** Title, language and URL as the build will read them from the page itself (the same parser). */
function readPageFacts(fileName: string, text: string, format: AddFormat): PageFacts {
  const file = new VFile({ path: fileName, value: text });
  const tree = parsePage(file, format);
  const meta = file.data.meta ?? {};
  const facts: PageFacts = {
    text: tree.children.filter((node: RootContent) => node.type !== 'yaml').map((node) => mdastToString(node)).join('\n'),
    problems: file.messages.filter((m) => m.ruleId?.startsWith('meta-')).map((m) => `${fileName}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason}`),
  };
  // <title> often spans lines in saved HTML; the sidecar holds it on one.
  const title = (meta.title ?? file.data.htmlTitle)?.replace(/\s+/gu, ' ').trim();
  if (title) facts.title = title;
  if (meta.url !== undefined) facts.url = meta.url;
  const htmlLanguage = file.data.htmlLanguage;
  if (meta.language !== undefined) facts.language = meta.language;
  else if (htmlLanguage === 'en' || htmlLanguage === 'sv') facts.language = htmlLanguage;
  else if (htmlLanguage !== undefined) facts.otherLanguage = htmlLanguage;
  return facts;
}

type LanguageChoice = { language: Language; from: LanguageFrom; warnings: string[] } | { reason: string };

/** `--language`, else the page's own declaration, else detection (refused when the text gives no evidence at all). */
function chooseLanguage(option: Language | undefined, facts: PageFacts, fileName: string): LanguageChoice {
  if (option !== undefined) {
    const warnings = facts.language !== undefined && facts.language !== option ? [`${fileName}: the page declares language ${facts.language}; --language ${option} wins`] : [];
    return { language: option, from: 'option', warnings };
  }
  if (facts.language !== undefined) return { language: facts.language, from: 'page', warnings: [] };
  const detected = detectLanguage(facts.text);
  if (detected.confidence === 0) return { reason: `${fileName}: cannot tell the page's language (no English or Swedish words found); give --language en or --language sv` };
  const declared = facts.otherLanguage === undefined ? '' : `the page declares \`${facts.otherLanguage}\`, which is neither en nor sv; `;
  return { language: detected.language, from: 'detected', warnings: [`${fileName}: ${declared}language detected as ${detected.language} (confidence ${detected.confidence.toFixed(2)}); give --language to say otherwise`] };
}

const versionSuffix = /^\d{4}-\d{2}-\d{2}(?:-\d+)?$/u;

/**
 * `<slug>.<lang>.<ext>`, or, when a version of the page is already stored,
 * `<slug>.<lang>.<retrieved>.<ext>` then `…<retrieved>-2.<ext>`, `-3` …. Names are compared
 * as the build's source ids (extension dropped, lower-cased): two files whose ids are equal
 * would be one source to the build, so `x.en.txt` and `x.en.html` are versions of each other.
 */
function versionedPath(site: string, slug: string, language: Language, format: AddFormat, retrieved: string, existing: readonly ExistingPage[]): { relPath: string; family: ExistingPage[] } {
  const folder = `pages/${site}`;
  const baseId = sourceIdOf(`${folder}/${slug}.${language}.${format}`);
  const taken = new Set(existing.map((page) => sourceIdOf(page.relPath)));
  const family = existing
    .filter((page) => {
      const id = sourceIdOf(page.relPath);
      return id === baseId || (id.startsWith(`${baseId}.`) && versionSuffix.test(id.slice(baseId.length + 1)));
    })
    .sort((a, b) => compareCodeUnits(a.relPath, b.relPath));
  let stem = `${slug}.${language}`;
  if (family.length > 0) {
    stem = `${slug}.${language}.${retrieved}`;
    for (let n = 2; taken.has(sourceIdOf(`${folder}/${stem}.${format}`)); n += 1) stem = `${slug}.${language}.${retrieved}-${n}`;
  }
  const relPath = `${folder}/${stem}.${format}`;
  assertInsidePages(relPath);
  return { relPath, family };
}

/** The site and slug rules cannot produce these; a path that escapes `pages/` would be a bug, so crash. */
function assertInsidePages(relPath: string): void {
  const parts = relPath.split('/');
  const safe = /^[a-z0-9][a-z0-9.-]*$/u;
  if (parts.length !== 3 || parts[0] !== 'pages' || !parts.slice(1).every((part) => safe.test(part) && !part.includes('..'))) {
    throw new Error(`planAdd made an unsafe path ${JSON.stringify(relPath)}`);
  }
}

/** Whether the build will be able to tell which version is current (the same URL, the later `retrieved`). */
function versionWarnings(family: readonly ExistingPage[], url: string, retrieved: string): string[] {
  const warnings: string[] = [];
  for (const page of family) {
    if (page.url === undefined) warnings.push(`${page.relPath} has no url in its metadata, so nothing says it is an earlier version of the same page`);
    else if (pageKey(page.url) !== pageKey(url)) warnings.push(`${page.relPath} was saved from ${page.url}, another address with the same name: the two are different pages to the build`);
    else if (page.retrieved === undefined) warnings.push(`${page.relPath} has no retrieved date, so which version is current cannot be told`);
    else if (page.retrieved > retrieved) warnings.push(`${page.relPath} was retrieved later (${page.retrieved}): it stays the current version`);
    else if (page.retrieved === retrieved) warnings.push(`${page.relPath} was retrieved the same day (${retrieved}): which version is current cannot be told from the dates`);
  }
  return warnings;
}

/** The sidecar `<page>.meta.yaml`: fields in a fixed order, one line each (no folding), a comment saying who wrote it. */
export function sidecarYaml(meta: PageMeta, languageFrom: LanguageFrom): string {
  const ordered: Record<string, string> = {};
  for (const key of ['url', 'title', 'language', 'publisher', 'retrieved', 'lastUpdated', 'sha256'] as const) {
    const value = meta[key];
    if (value !== undefined) ordered[key] = value;
  }
  const header = ['# Sidecar metadata for the saved page beside it, written by `samverkan add` (the page is kept byte-for-byte).'];
  if (languageFrom === 'detected') header.push('# `language` was detected from the text: neither the page nor --language gave it.');
  return `${header.join('\n')}\n${stringify(ordered, { lineWidth: 0 })}`;
}
