/**
 * The file side of `samverkan add`: read the saved file, list what `pages/` already holds,
 * and write the page and its sidecar without overwriting anything or leaving `pages/`.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatOf, type ExistingPage } from '../add/plan-add.js';
import { markdownProcessor, readFrontMatter } from '../parse/markdown.js';
import { parseSidecarMeta } from '../parse/metadata.js';
import { InputError } from '../util/errors.js';
import { isSkipped, listPageFiles, readPage } from './read-pages.js';

const sidecarSuffix = '.meta.yaml';

/** The file to add, as bytes; a missing, unreadable, empty or non-page file is an InputError naming it. */
export async function readFileToAdd(file: string): Promise<{ fileName: string; bytes: Buffer }> {
  const fileName = path.basename(file);
  if (formatOf(fileName) === undefined) throw new InputError(`${file}: unexpected file type, expected a saved page ending .html, .md or .txt`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read the page (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (bytes.length === 0) throw new InputError(`${file}: the file is empty`);
  return { fileName, bytes };
}

/** Every page already under `<sourcesDir>/pages`, with its hash and the url and retrieved date its metadata gives. */
export async function existingPages(sourcesDir: string): Promise<ExistingPage[]> {
  const pagesDir = path.join(sourcesDir, 'pages');
  if (!(await stat(pagesDir).catch(() => undefined))?.isDirectory()) return [];
  const pages: ExistingPage[] = [];
  for (const relPath of await listPageFiles(sourcesDir)) {
    let page;
    try {
      page = await readPage(sourcesDir, relPath);
    } catch (error) {
      throw new InputError(`${path.join(sourcesDir, relPath)}: cannot read the page (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    // A page the build skips (empty, binary, unreadable…) has no content or metadata to compare with.
    if (isSkipped(page)) continue;
    // As the build merges them: the sidecar over the front matter. Their problems are the build's to report.
    const frontMatter = page.format === 'md' ? readFrontMatter(markdownProcessor().parse(page.file), page.file) : undefined;
    const meta = { ...frontMatter, ...(page.metaFile ? parseSidecarMeta(page.metaFile) : {}) };
    pages.push({ relPath, sha256: page.sha256, ...(meta.url !== undefined && { url: meta.url }), ...(meta.retrieved !== undefined && { retrieved: meta.retrieved }) });
  }
  return pages;
}

/**
 * Write `<sourcesDir>/<relPath>` and its sidecar. Each file is written under a temporary name in
 * its own folder and renamed into place, so a reader never sees half a file; a target that
 * exists already (a file, a folder or a symlink) is an error, never overwritten. The site
 * folder is checked with realpath, so a symlink there cannot lead the write out of `pages/`.
 * Returns the two paths written.
 */
export async function writeAddedPage(sourcesDir: string, relPath: string, bytes: Uint8Array, sidecar: string): Promise<{ page: string; sidecar: string }> {
  const parts = relPath.split('/');
  if (parts.length !== 3 || parts[0] !== 'pages' || parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\'))) {
    throw new Error(`refusing to write outside pages/: ${JSON.stringify(relPath)}`);
  }
  const [, site = '', name = ''] = parts;
  if (!(await stat(sourcesDir).catch(() => undefined))?.isDirectory()) throw new InputError(`${sourcesDir}: the sources folder does not exist`);
  const pagesDir = path.join(sourcesDir, 'pages');
  await mkdir(pagesDir, { recursive: true });
  const pagesReal = await realpath(pagesDir);
  const siteDir = path.join(pagesDir, site);
  await mkdir(siteDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const siteReal = await realpath(siteDir);
  if (!siteReal.startsWith(pagesReal + path.sep)) throw new InputError(`${siteDir}: leads to ${siteReal}, outside ${pagesDir}; refusing to write there`);
  if (!(await stat(siteReal)).isDirectory()) throw new InputError(`${siteDir}: not a folder`);

  const pagePath = path.join(siteReal, name);
  const metaPath = pagePath + sidecarSuffix;
  for (const target of [pagePath, metaPath]) {
    if (await lstat(target).catch(() => undefined)) throw new InputError(`${path.join(siteDir, path.basename(target))}: already exists; nothing written`);
  }
  await writeInPlace(pagePath, bytes);
  try {
    await writeInPlace(metaPath, sidecar);
  } catch (error) {
    // A page without its sidecar would build with the wrong metadata (none): take it back.
    await unlink(pagePath).catch(() => undefined);
    throw error;
  }
  return { page: path.join(siteDir, name), sidecar: path.join(siteDir, name + sidecarSuffix) };
}

/**
 * Write to a temporary name beside the target, then rename. The caller has checked that the
 * target does not exist; `add` is run by a person, not concurrently, so the gap between the
 * check and the rename is accepted. The temporary name ends `.tmp`, which no build reads.
 */
async function writeInPlace(target: string, data: Uint8Array | string): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  await writeFile(temporary, data, { flag: 'wx' });
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
