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
 * `bytes` and `sha256` are of the file exactly as saved, BOM included.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import '../parse/vfile-data.js';

export type PageFormat = 'txt' | 'md' | 'html';

const pageExtensions: Readonly<Record<string, PageFormat>> = { '.txt': 'txt', '.md': 'md', '.html': 'html' };
const sidecarSuffix = '.meta.yaml';
const byteOrderMark = '\uFEFF';

export interface ReadPage {
  file: VFile;
  format: PageFormat;
  bytes: Buffer;
  sha256: string;
  /** The sidecar `<page>.meta.yaml`, when there is one (its own BOM stripped the same way). */
  metaFile?: VFile;
}

/** Code-unit order, so the order never depends on the file system or the locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function pageFormat(relPath: string): PageFormat | undefined {
  if (relPath.endsWith(sidecarSuffix)) return undefined;
  return pageExtensions[path.posix.extname(relPath).toLowerCase()];
}

/** Every page file under `<sourcesDir>/pages` (recursively), sorted; `.html` included for the caller to accept or reject. */
export async function listPageFiles(sourcesDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relDir: string): Promise<void> => {
    const entries = await readdir(path.join(sourcesDir, ...relDir.split('/')), { withFileTypes: true });
    for (const entry of entries) {
      const rel = `${relDir}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile() && pageFormat(rel) !== undefined) found.push(rel);
    }
  };
  await walk('pages');
  return found.sort(byCodeUnits);
}

/** Reads one page (and its sidecar metadata file) as listed by `listPageFiles`. */
export async function readPage(sourcesDir: string, relPath: string): Promise<ReadPage> {
  const format = pageFormat(relPath);
  if (format === undefined) throw new Error(`not a page file (expected .txt, .md or .html): ${relPath}`);
  const filePath = toPosix(path.join(sourcesDir, relPath));
  const bytes = await readFile(filePath);
  const file = decodedFile(filePath, bytes);
  const metaPath = filePath + sidecarSuffix;
  const metaBytes = await readFile(metaPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, format, bytes, sha256, ...(metaBytes && { metaFile: decodedFile(metaPath, metaBytes) }) };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A VFile of UTF-8 text without BOM; invalid UTF-8 becomes U+FFFD and a message, since quotes from it would be wrong. */
function decodedFile(filePath: string, bytes: Buffer): VFile {
  let text: string;
  let valid = true;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    valid = false;
  }
  const bom = text.startsWith(byteOrderMark);
  const file = new VFile({ path: filePath, value: bom ? text.slice(1) : text });
  if (bom) file.data.bom = true;
  if (!valid) {
    const value = String(file.value);
    const offset = Math.max(0, value.indexOf('\uFFFD'));
    const before = value.slice(0, offset).split(/\r\n|\r|\n/);
    const place = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, offset };
    file.message('Unexpected bytes that are not UTF-8, expected a UTF-8 text file', { place, ruleId: 'page-encoding', source: 'samverkan' });
  }
  return file;
}
