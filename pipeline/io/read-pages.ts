/**
 * Reading saved pages: the only place the parse stage's input touches the file system.
 *
 * Paths: `listPageFiles` returns POSIX paths relative to the sources folder
 * (`pages/<site>/<slug>.<lang>.txt`, as `Source.path`); a page's VFile path is the sources
 * folder as the caller gave it joined with that (`sources/pages/…`), so messages print
 * as the user would type the path.
 *
 * Byte order mark: the VFile value is the decoded text WITHOUT a leading BOM and every
 * position in the pipeline is relative to that text; `file.data.bom` says one was removed.
 * `sha256` is of the file exactly as saved, BOM included. The bytes themselves are not kept:
 * nothing needs them once the text is decoded, and at 10,000 pages they are tens of megabytes.
 *
 * Bad input: a page that cannot be used is never an exception. `readPage` returns a
 * `SkippedPage` whose VFile carries one fatal message with a `page-*` ruleId (see
 * `inspect-bytes.ts` for the byte checks); `scanPages` reports what under pages/ is not a page.
 * Nothing outside the sources folder is read: every file is resolved with realpath first.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import '../parse/vfile-data.js';
import { DEFAULT_MAX_PAGE_BYTES, decodeTextBytes, inspectPageBytes, tooLarge, type PageFailure, type PageInspection, type SkipRuleId } from './inspect-bytes.js';
import { messageOn } from '../util/message.js';

export type PageFormat = 'txt' | 'md' | 'html';

/** `.htm` is the same format as `.html`, as older tools name it. */
const pageExtensions: Readonly<Record<string, PageFormat>> = { '.txt': 'txt', '.md': 'md', '.html': 'html', '.htm': 'html' };
const sidecarSuffix = '.meta.yaml';

export interface ReadPage {
  file: VFile;
  format: PageFormat;
  sha256: string;
  /** The sidecar `<page>.meta.yaml`, when there is one (its own BOM stripped the same way). */
  metaFile?: VFile;
}

/** A file under pages/ that is not used: its VFile holds one fatal message saying why. */
export interface SkippedPage {
  /** the page's VFile (without a value); when the sidecar is at fault, the message's `file` is the sidecar's path */
  file: VFile;
  skip: { ruleId: SkipRuleId; reason: string };
}

export function isSkipped(page: ReadPage | SkippedPage): page is SkippedPage {
  return 'skip' in page;
}

export interface ReadPageOptions {
  /** pages (and sidecars) larger than this are skipped unread; default 20 MB */
  maxBytes?: number;
  /** the sources folder's real path, when the caller has it already (one `realpath` for all pages, not one each) */
  realRoot?: string;
}

/** Code-unit order, so the order never depends on the file system or the locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function pageFormat(relPath: string): PageFormat | undefined {
  if (relPath.endsWith(sidecarSuffix)) return undefined;
  return pageExtensions[path.posix.extname(relPath).toLowerCase()];
}

/** A file (or folder) under pages/ that is not a page, found while listing. */
export interface ScanProblem {
  relPath: string;
  ruleId: SkipRuleId;
  reason: string;
}

export interface PageScan {
  /** every name with a page extension, sorted: `readPage` decides whether it is usable */
  pages: string[];
  /** files that are not pages and links that lead out of the sources folder, sorted */
  problems: ScanProblem[];
}

/**
 * Everything under `<sourcesDir>/pages`, recursively. Hidden files and folders (`.gitkeep`,
 * `.DS_Store`, `.git/`) are not content and are left alone; a sidecar is read with its page;
 * anything else that is not a page is a problem, never silently dropped. Links to folders are
 * followed when they stay inside the sources folder (each real folder once, so a loop ends).
 */
export async function scanPages(sourcesDir: string): Promise<PageScan> {
  const root = await realpath(sourcesDir);
  const pages: string[] = [];
  const problems: ScanProblem[] = [];
  const seen = new Set<string>();
  const walk = async (relDir: string, realDir: string): Promise<void> => {
    if (seen.has(realDir)) return;
    seen.add(realDir);
    let entries;
    try {
      entries = await readdir(realDir, { withFileTypes: true });
    } catch (error) {
      problems.push({ relPath: relDir, ruleId: 'page-unreadable', reason: `Unexpected folder that cannot be read (${osReason(error)}), expected a readable folder of pages` });
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = `${relDir}/${entry.name}`;
      const full = path.join(realDir, entry.name);
      let folder = entry.isDirectory() ? full : undefined;
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined);
        const isFolder = target !== undefined && (await stat(target).catch(() => undefined))?.isDirectory() === true;
        if (target !== undefined && isFolder) {
          if (!isInside(root, target)) {
            problems.push({ relPath: rel, ruleId: 'page-outside-sources', reason: `Unexpected link to the folder ${target}, outside the sources folder, expected a folder inside it: nothing under it is read` });
            continue;
          }
          folder = target;
        }
        // a link to a file, or a dangling one: judged by its name below, read (or not) by readPage
      }
      if (folder !== undefined) {
        // a folder named like a page is reported by readPage; what it holds is still looked at
        if (pageFormat(rel) !== undefined) pages.push(rel);
        await walk(rel, folder);
      } else if (entry.name.endsWith(sidecarSuffix)) {
        const pageName = entry.name.slice(0, -sidecarSuffix.length);
        if (!names.has(pageName)) {
          problems.push({ relPath: rel, ruleId: 'meta-without-page', reason: `Unexpected metadata file without its page, expected \`${pageName}\` beside it` });
        }
      } else if (pageFormat(rel) !== undefined) {
        pages.push(rel);
      } else {
        problems.push({ relPath: rel, ruleId: 'page-unknown-type', reason: unknownTypeReason(entry.name) });
      }
    }
  };
  await walk('pages', await realpath(path.join(root, 'pages')));
  return { pages: pages.sort(byCodeUnits), problems: problems.sort((a, b) => byCodeUnits(a.relPath, b.relPath)) };
}

function unknownTypeReason(name: string): string {
  const ext = path.posix.extname(name);
  const what = ext === '' ? 'file without an extension' : `file type \`${ext}\``;
  return `Unexpected ${what} under pages/, expected a saved page (.txt, .md, .html or .htm): convert it to one, or move it out of pages/`;
}

/** Every page file under `<sourcesDir>/pages` (recursively), sorted; what is not a page is in `scanPages`. */
export async function listPageFiles(sourcesDir: string): Promise<string[]> {
  return (await scanPages(sourcesDir)).pages;
}

/** The VFile a skipped file under pages/ is reported on (used for scan problems too). */
export function skippedPage(sourcesDir: string, relPath: string, failure: Omit<PageFailure, 'ok'>, faultPath?: string): SkippedPage {
  const file = new VFile({ path: toPosix(path.join(sourcesDir, relPath)) });
  const place = failure.line !== undefined && failure.column !== undefined ? { line: failure.line, column: failure.column } : undefined;
  const message = messageOn(file, failure.reason, { ...(place && { place }), ruleId: failure.ruleId, source: 'samverkan' });
  message.fatal = true;
  if (faultPath !== undefined) message.file = faultPath;
  const reason = faultPath === undefined ? failure.reason : `its metadata file ${path.posix.basename(faultPath)}: ${failure.reason}`;
  return { file, skip: { ruleId: failure.ruleId, reason } };
}

/**
 * Reads one page (and its sidecar metadata file) as listed by `listPageFiles`. A page that
 * cannot be used (see `SkippedPage`) is returned as such, never thrown; a sidecar that cannot be
 * used skips its page too, since the page's metadata would be missing without a word.
 */
export async function readPage(sourcesDir: string, relPath: string, options: ReadPageOptions = {}): Promise<ReadPage | SkippedPage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const filePath = toPosix(path.join(sourcesDir, relPath));
  const format = pageFormat(relPath);
  if (format === undefined) return skippedPage(sourcesDir, relPath, { ruleId: 'page-unknown-type', reason: unknownTypeReason(path.posix.basename(relPath)) });
  const root = options.realRoot ?? (await realpath(sourcesDir));

  const read = readInside(root, filePath, maxBytes);
  if (!read.ok) return skippedPage(sourcesDir, relPath, read);
  const bytes = read.bytes;
  const inspected = inspectPageBytes(bytes, relPath);
  if (!inspected.ok) return skippedPage(sourcesDir, relPath, inspected);
  const file = decodedFile(filePath, inspected);

  const metaPath = filePath + sidecarSuffix;
  let metaFile: VFile | undefined;
  if (existsOrLink(metaPath)) {
    const meta = readInside(root, metaPath, maxBytes);
    if (!meta.ok) return skippedPage(sourcesDir, relPath, meta, metaPath);
    const decoded = decodeTextBytes(meta.bytes, metaPath);
    if (!decoded.ok) return skippedPage(sourcesDir, relPath, decoded, metaPath);
    metaFile = decodedFile(metaPath, decoded);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, format, sha256, ...(metaFile && { metaFile }) };
}

/** Whether anything (a file, a folder, a link even to nothing) has this name. */
function existsOrLink(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** The OS's reason, as `EACCES: permission denied`, without the path it repeats. */
function osReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const description = /^[A-Z]+: ([^,]+)/u.exec(e.message ?? '')?.[1];
  return e.code ? `${e.code}${description ? `: ${description}` : ''}` : String(e.message ?? error);
}

type ReadOutcome = { ok: true; bytes: Buffer } | PageFailure;

/**
 * The bytes of a regular file whose real path is inside `root`, at most `maxBytes` of them:
 * its size is checked before reading and again while reading, since a file can grow.
 *
 * The calls are synchronous: a page is a few small system calls, and each one sent to libuv's
 * threads and back costs more than the call itself (10,000 pages read with promises took 4-10 s,
 * most of it waiting for round trips; see the report of issue 6). Nothing else waits on this thread meanwhile.
 */
function readInside(root: string, filePath: string, maxBytes: number): ReadOutcome {
  const unreadable = (reason: string): PageFailure => ({ ok: false, ruleId: 'page-unreadable', reason });
  let real: string;
  try {
    // the system's realpath: one call, where Node's own looks at every folder on the way
    real = realpathSync.native(filePath);
  } catch (error) {
    let link: string | undefined;
    try {
      link = readlinkSync(filePath);
    } catch {
      link = undefined;
    }
    if (link !== undefined) return unreadable(`Unexpected link to \`${link}\`, which cannot be followed (${osReason(error)}), expected a file`);
    return unreadable(`Unexpected file that cannot be found (${osReason(error)}), expected a readable page`);
  }
  if (!isInside(root, real)) {
    return { ok: false, ruleId: 'page-outside-sources', reason: `Unexpected link to ${real}, outside the sources folder, expected a file inside it: not read` };
  }
  let fd: number | undefined;
  try {
    const info = statSync(real);
    if (info.isDirectory()) return unreadable('Unexpected folder named like a page, expected a file');
    // a FIFO or a device could block or never end: only regular files are opened
    if (!info.isFile()) return unreadable('Unexpected special file (a device, socket or pipe), expected a regular file');
    if (info.size > maxBytes) return tooLarge(info.size, maxBytes);
    fd = openSync(real, 'r');
    const bytes = readAtMost(fd, maxBytes, info.size);
    if (bytes === undefined) return tooLarge(fstatSync(fd).size, maxBytes);
    return { ok: true, bytes };
  } catch (error) {
    return unreadable(`Unexpected file that cannot be read (${osReason(error)}), expected a readable page`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The whole file, or undefined when it holds more than `maxBytes`. Read until the end, whatever size it had when it was measured. */
function readAtMost(fd: number, maxBytes: number, expected: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const room = maxBytes + 1 - total;
    if (room <= 0) return undefined;
    // the size measured and one byte more: a file that did not change is read in one call, and the next one finds its end
    const chunk = Buffer.allocUnsafe(Math.min(room, total === 0 ? expected + 1 : 64 * 1024));
    const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
    if (bytesRead === 0) return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
}

/** A VFile of the decoded text without BOM; a Windows-1252 reading is a warning on it. */
function decodedFile(filePath: string, decoded: Extract<PageInspection, { ok: true }>): VFile {
  const file = new VFile({ path: filePath, value: decoded.text });
  if (decoded.bom) file.data.bom = true;
  for (const w of decoded.warnings) messageOn(file, w.reason, { place: w.place, ruleId: w.ruleId, source: 'samverkan' });
  return file;
}
