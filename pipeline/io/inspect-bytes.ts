/**
 * Judging a saved page by its bytes, before anything parses it: empty, binary, or text in an
 * encoding we can read. Pure: `read-pages.ts` does the I/O and turns the verdict into a VFile
 * message (a skip, or a warning on a page that is still used).
 *
 * Offsets: `offset` in a failure is a byte offset into the file as saved (BOM included), as
 * a hex editor shows it; `line`/`column` are those of the text a UTF-8 decoder reads before
 * that byte (without a BOM), as every other position in the pipeline.
 */
import path from 'node:path';

/** Why a page is skipped: one ruleId per kind of bad input. */
export type SkipRuleId =
  | 'page-empty'
  | 'page-binary'
  | 'page-encoding'
  | 'page-too-large'
  | 'page-unknown-type'
  | 'page-unreadable'
  | 'page-outside-sources'
  | 'meta-without-page';

export type PageEncoding = 'utf-8' | 'windows-1252';

export interface TextPlace {
  line: number;
  column: number;
  /** in the decoded text (code units), as unist positions */
  offset: number;
}

export interface InspectionWarning {
  ruleId: 'page-encoding-latin1';
  reason: string;
  place: TextPlace;
}

export type PageInspection =
  | { ok: true; text: string; encoding: PageEncoding; bom: boolean; warnings: InspectionWarning[] }
  | { ok: false; ruleId: SkipRuleId; reason: string; offset?: number; line?: number; column?: number };

export type PageFailure = Extract<PageInspection, { ok: false }>;

/** 20 MB: far above any saved web page (the seed is 12 KB), far below what hurts a build. */
export const DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024;

/**
 * Decode a page file: empty and binary files, and text that is neither UTF-8 nor plausibly
 * Windows-1252, are failures; a leading UTF-8 BOM is dropped from `text` (`bom` says so).
 */
export function inspectPageBytes(bytes: Uint8Array, filePath: string): PageInspection {
  if (bytes.length === 0) return { ok: false, ruleId: 'page-empty', reason: 'Unexpected empty file (0 bytes), expected the text of a saved page' };
  const decoded = decodeTextBytes(bytes, filePath);
  if (!decoded.ok) return decoded;
  // `trim` also removes U+FEFF and no-break spaces: a page of those alone has nothing to read.
  if (decoded.text.trim() === '') {
    return { ok: false, ruleId: 'page-empty', reason: `Unexpected file with only white space (${bytes.length} bytes), expected the text of a saved page` };
  }
  return decoded;
}

/** Decode any text file under pages/ (a page or its `.meta.yaml`): binary and undecodable bytes fail; empty is fine. */
export function decodeTextBytes(bytes: Uint8Array, filePath: string): PageInspection {
  const binary = binaryKind(bytes, filePath);
  if (binary) return binary;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const bom = text.startsWith('\uFEFF');
    return { ok: true, text: bom ? text.slice(1) : text, encoding: 'utf-8', bom, warnings: [] };
  } catch {
    // not UTF-8: find out where, and whether it reads as Windows-1252
  }
  const scan = scanUtf8(bytes);
  const offset = scan.firstInvalid ?? 0;
  const byte = bytes[offset] ?? 0;
  const truncated = isTruncatedAt(bytes, offset);
  if (!truncated && looksLikeWindows1252(bytes, scan)) {
    const text = decodeWindows1252(bytes);
    // A single-byte encoding: the byte offset is the text offset.
    const place = placeAt(text, offset);
    const reason =
      `Unexpected Windows-1252 (Latin-1) text, expected UTF-8: read as Windows-1252 ` +
      `(the first byte that is not UTF-8 is ${hex(byte)} “${text[offset] ?? ''}” at byte ${offset}); save the page as UTF-8 to silence this`;
    return { ok: true, text, encoding: 'windows-1252', bom: false, warnings: [{ ruleId: 'page-encoding-latin1', reason, place }] };
  }
  const bomLength = hasUtf8Bom(bytes) ? 3 : 0;
  // The bytes before the first invalid one are valid UTF-8 by construction.
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bomLength, Math.max(bomLength, offset)));
  const { line, column } = placeAt(before, before.length);
  return {
    ok: false,
    ruleId: 'page-encoding',
    reason: truncated
      ? `Unexpected end of file inside a UTF-8 character (${hex(byte)} at byte ${offset} starts it), expected a whole character: the file looks cut off`
      : `Unexpected byte ${hex(byte)} at byte ${offset}, expected UTF-8 text (nor does the file read as Windows-1252): save the page as UTF-8`,
    offset,
    line,
    column,
  };
}

/** The reason for a file over the size limit, from its size alone (the file is never read). */
export function tooLarge(size: number, maxBytes: number): PageFailure {
  return {
    ok: false,
    ruleId: 'page-too-large',
    reason: `Unexpected file of ${formatByteSize(size)} (${size} bytes), expected at most ${formatByteSize(maxBytes)} (--max-size): not read`,
  };
}

/**
 * `--max-size`: a whole number of bytes, or a number with a unit `KB`, `MB` or `GB` (also
 * `K`/`KiB`…; binary multiples: 1 MB = 1,048,576 bytes). Undefined when it is not one.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/iu.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const power = unit.startsWith('g') ? 3 : unit.startsWith('m') ? 2 : unit.startsWith('k') ? 1 : 0;
  const bytes = Math.floor(Number(match[1]) * 1024 ** power);
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}

/** `20.0 MB`, `512 bytes`: fixed notation, no locale. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

interface Signature {
  what: string;
  /** the bytes at `at`, or an ASCII string */
  magic: readonly number[] | string;
  at?: number;
  shows: string;
}

/** File signatures of what is most often saved by mistake under a page's name. */
const signatures: readonly Signature[] = [
  { what: 'a PDF', magic: '%PDF-', shows: '%PDF-' },
  { what: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], shows: '\\x89PNG' },
  { what: 'a JPEG image', magic: [0xff, 0xd8, 0xff], shows: 'FF D8 FF' },
  { what: 'a GIF image', magic: 'GIF87a', shows: 'GIF87a' },
  { what: 'a GIF image', magic: 'GIF89a', shows: 'GIF89a' },
  { what: 'a WebP image', magic: 'WEBP', at: 8, shows: 'RIFF…WEBP' },
  { what: 'a TIFF image', magic: [0x49, 0x49, 0x2a, 0x00], shows: 'II*' },
  { what: 'a TIFF image', magic: [0x4d, 0x4d, 0x00, 0x2a], shows: 'MM*' },
  { what: 'a ZIP archive', magic: [0x50, 0x4b, 0x03, 0x04], shows: 'PK' },
  { what: 'a ZIP archive', magic: [0x50, 0x4b, 0x05, 0x06], shows: 'PK' },
  { what: 'a ZIP archive', magic: [0x50, 0x4b, 0x07, 0x08], shows: 'PK' },
  { what: 'a legacy Microsoft Office document (.doc, .xls or .ppt)', magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], shows: 'D0 CF 11 E0' },
  { what: 'a gzip archive', magic: [0x1f, 0x8b], shows: '1F 8B' },
  { what: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], shows: '7z' },
  { what: 'a RAR archive', magic: 'Rar!\x1a\x07', shows: 'Rar!' },
  { what: 'an executable (ELF)', magic: '\x7fELF', shows: '\\x7FELF' },
  { what: 'an SQLite database', magic: 'SQLite format 3\x00', shows: 'SQLite format 3' },
];

/** ZIP-based formats, told apart by the names of the first entries. */
const zipContents: readonly { marker: string; what: string }[] = [
  { marker: 'word/', what: 'a Word document (.docx)' },
  { marker: 'xl/', what: 'an Excel workbook (.xlsx)' },
  { marker: 'ppt/', what: 'a PowerPoint presentation (.pptx)' },
  { marker: 'mimetypeapplication/vnd.oasis.opendocument', what: 'an OpenDocument file (.odt, .ods or .odp)' },
  { marker: 'mimetypeapplication/epub+zip', what: 'an EPUB book' },
  { marker: '[Content_Types].xml', what: 'a Microsoft Office document (.docx, .xlsx or .pptx)' },
];

/** An ASCII signature's bytes, made once per signature rather than once per page. */
const asciiBytes = new Map<string, readonly number[]>();

function startsWith(bytes: Uint8Array, magic: readonly number[] | string, at: number): boolean {
  let expected: readonly number[] | undefined = typeof magic === 'string' ? asciiBytes.get(magic) : magic;
  if (expected === undefined) asciiBytes.set(magic as string, (expected = Array.from(magic as string, (c) => c.charCodeAt(0))));
  if (bytes.length < at + expected.length) return false;
  return expected.every((b, i) => bytes[at + i] === b);
}

function binaryKind(bytes: Uint8Array, filePath: string): PageFailure | undefined {
  const ext = path.posix.extname(filePath) || 'page';
  const binary = (what: string, evidence: string, offset?: number): PageFailure => ({
    ok: false,
    ruleId: 'page-binary',
    reason: `Unexpected binary content in a \`${ext}\` file: it looks like ${what} (${evidence}), expected the text of a saved page`,
    ...(offset !== undefined && { offset }),
  });
  for (const s of signatures) {
    if (s.what === 'a WebP image' && !startsWith(bytes, 'RIFF', 0)) continue;
    if (!startsWith(bytes, s.magic, s.at ?? 0)) continue;
    if (s.what === 'a ZIP archive') {
      // latin1 maps each byte to one character: the entry names are ASCII
      const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
      const inner = zipContents.find((z) => head.includes(z.marker));
      return binary(inner?.what ?? s.what, `it starts with \`${s.shows}\``);
    }
    return binary(s.what, `it starts with \`${s.shows}\``);
  }
  // UTF-16 is text, but not text we read: say so instead of calling it binary.
  if (startsWith(bytes, [0xff, 0xfe], 0) || startsWith(bytes, [0xfe, 0xff], 0)) {
    const order = bytes[0] === 0xff ? 'little-endian, FF FE' : 'big-endian, FE FF';
    return { ok: false, ruleId: 'page-encoding', reason: `Unexpected UTF-16 text (byte order mark ${order}), expected UTF-8: save the page as UTF-8`, offset: 0 };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = looksLikeUtf16WithoutBom(bytes) ? ' or UTF-16 text without a byte order mark' : '';
    return binary(`a binary file${utf16}`, `a NUL byte at byte ${nul}`, nul);
  }
  return undefined;
}

/** Most of the first bytes alternate NUL / not NUL, as ASCII text in UTF-16 does. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (oddNul >= pairs * 0.8 && evenNul <= pairs * 0.1) || (evenNul >= pairs * 0.8 && oddNul <= pairs * 0.1);
}

interface Utf8Scan {
  /** byte offset of the first byte that does not start a valid sequence */
  firstInvalid: number | undefined;
  /** how many valid sequences of 2 to 4 bytes the file holds */
  multibyte: number;
}

/** Walk the bytes as UTF-8 (the Unicode table of well-formed sequences), to the end. */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let firstInvalid: number | undefined;
  let multibyte = 0;
  const inRange = (i: number, lo: number, hi: number) => {
    const b = bytes[i];
    return b !== undefined && b >= lo && b <= hi;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length = 0;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = inRange(i + 1, 0x80, 0xbf) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      length = inRange(i + 1, lo, hi) && inRange(i + 2, 0x80, 0xbf) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      length = inRange(i + 1, lo, hi) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf) ? 4 : 0;
    }
    if (length === 0) {
      firstInvalid ??= i;
      i++;
    } else {
      if (length > 1) multibyte++;
      i += length;
    }
  }
  return { firstInvalid, multibyte };
}

/**
 * Whether the bytes from `offset` to the end are the start of a UTF-8 sequence cut off by the
 * end of the file (a download that stopped), given that everything before is valid.
 */
function isTruncatedAt(bytes: Uint8Array, offset: number): boolean {
  const lead = bytes[offset];
  if (lead === undefined) return false;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  const rest = bytes.length - offset;
  if (length === 0 || rest >= length) return false;
  // the second byte's range depends on the lead, as in scanUtf8
  const [lo, hi] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
  for (let i = 1; i < rest; i++) {
    const b = bytes[offset + i] as number;
    if (i === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) return false;
  }
  return true;
}

/** What Windows-1252 has at 0x80–0x9F, where ISO-8859-1 has control characters (the five undefined bytes are left out). */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Windows-1252 as the WHATWG Encoding Standard defines it. Node 20.18.3 and later decode the
 * `windows-1252` label as ISO-8859-1 (nodejs/node#56542, #60888), so 0x80–0x9F come out as
 * control characters: they are mapped here, which is also right once Node is fixed.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/gu, (c) => windows1252High[c.charCodeAt(0) - 0x80] ?? c);
}

/** Bytes Windows-1252 leaves undefined. */
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Whether bytes that are not UTF-8 read as Windows-1252 text: only single high bytes (å ä ö
 * are E5 E4 F6) and no valid UTF-8 sequence at all (a file that has both is a mix of
 * encodings, and neither reading is right), no bytes Windows-1252 leaves undefined, no
 * control characters but tab, line feed, form feed and carriage return, and neither FE nor
 * FF: þ and ÿ are not letters of Swedish or English, while those bytes mark UTF-16 and
 * binary data.
 */
function looksLikeWindows1252(bytes: Uint8Array, scan: Utf8Scan): boolean {
  if (scan.multibyte > 0) return false;
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
    if (b === 0x7f || b === 0xfe || b === 0xff || undefinedIn1252.has(b)) return false;
  }
  return true;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Line and column (1-based, code units) of an offset in a text; line endings as vfile-location counts them. */
export function placeAt(text: string, offset: number): TextPlace {
  let line = 1;
  let lineStart = 0;
  const re = /\r\n|\r|\n/gu;
  for (let m = re.exec(text); m !== null && m.index + m[0].length <= offset; m = re.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: offset - lineStart + 1, offset };
}
