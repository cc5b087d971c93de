/**
 * Page metadata from Markdown front matter or a sidecar `<page>.meta.yaml`.
 * Bad metadata never throws: every problem is a positioned message on the VFile the
 * caller passes, and the valid fields are returned.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { IsoDate, Language } from '../../schemas/ids.js';
import { pointLocator } from './lines.js';
import { isoDateFromUtc, normaliseDate } from './parse-date.js';
import { messageOn } from '../util/message.js';

/** YAML 1.1 (and the `timestamp` tag) read an unquoted date as a Date at UTC midnight: keep its UTC day. */
const MetaDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? isoDateFromUtc(value) : value),
  IsoDate.refine((value) => normaliseDate(value) === value, 'a calendar date as YYYY-MM-DD'),
);

/** Custom `error` strings are phrased as what was expected: they end "expected …" messages. */
export const PageMeta = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'an http or https URL' }).optional(),
    title: z.string().min(1, 'a non-empty string').optional(),
    language: Language.optional(),
    publisher: z.string().min(1, 'a non-empty string').optional(),
    retrieved: MetaDate.optional(),
    lastUpdated: MetaDate.optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hexadecimal digits').optional(),
  })
  .strict();
export type PageMeta = z.infer<typeof PageMeta>;

/** Where the YAML text sits in the file that holds it; all bases default to 0 (a whole sidecar file). */
export interface MetaOrigin {
  /** Path of the file that holds the YAML text; messages name it as their `file`. */
  path: string;
  /** Offset of the YAML text's first character in that file. */
  offsetBase?: number;
  /** Lines before the YAML text's first line (1 for front matter after its `---` line). */
  lineBase?: number;
  /** Columns before the YAML text on its first line. */
  columnBase?: number;
}

type Place = (start: number, end: number) => Position;

const source = 'samverkan';
const knownFields = Object.keys(PageMeta.shape);

/**
 * Parses and validates page metadata YAML. Messages go to `file` (the page's VFile for
 * front matter, the sidecar's own VFile for `.meta.yaml`), placed by `origin`.
 */
export function parseMetaYaml(text: string, file: VFile, origin: MetaOrigin): PageMeta {
  // Most metadata is a few plain `field: text` lines that are all valid: read those without the
  // YAML parser. Anything else, and anything to report, takes the full path with positions.
  const simple = plainFields(text);
  if (simple) {
    const result = PageMeta.safeParse(simple);
    if (result.success) return result.data;
  }
  return parseYamlDocument(text, file, origin);
}

function parseYamlDocument(text: string, file: VFile, origin: MetaOrigin): PageMeta {
  let place: Place | undefined;
  const emit = ({ reason, span, ruleId, actual, expected }: Report): void => {
    place ??= placer(text, origin);
    const message = messageOn(file, reason, { place: place(span[0], span[1]), ruleId, source });
    if (origin.path !== file.path) message.file = origin.path;
    if (actual !== undefined) message.actual = actual;
    if (expected !== undefined) message.expected = expected;
  };

  const doc = parseDocument(text, { prettyErrors: false });
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const reason = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.code;
    emit({ reason: `Unexpected YAML syntax (${problem.code}): ${reason}`, span: problem.pos, ruleId: 'meta-yaml-syntax' });
  }
  // Partly parsed YAML could publish wrong metadata: use none of it.
  if (doc.errors.length > 0 || doc.contents === null) return {};

  const data: unknown = doc.toJS();
  const result = PageMeta.safeParse(data, { reportInput: true });
  if (result.success) return result.data;

  const reports = issueReports(result.error.issues, doc);
  // zod lists issues in schema order; people read them in document order.
  reports.sort((a, b) => a.span[0] - b.span[0]).forEach(emit);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const rejected = new Set(reports.map((r) => r.field));
  const kept = PageMeta.safeParse(Object.fromEntries(Object.entries(data).filter(([key]) => !rejected.has(key))));
  if (kept.success) return kept.data;
  // Only an object-level rule could fail once every bad field is gone; PageMeta has none.
  emit({ reason: `Unexpected metadata: ${kept.error.issues.map((i) => i.message).join('; ')}`, span: rangeOf(undefined, doc), ruleId: 'meta-invalid' });
  return {};
}

// A line `field: text` that YAML reads as a one-entry mapping of a plain string: the field a word,
// the text starting with no YAML indicator, holding no comment, tab or line break, and not ending
// in a colon or space. Texts YAML 1.2 reads as null, booleans or numbers are left to YAML.
const PLAIN_LINE = /^([A-Za-z][A-Za-z0-9]{0,99}): ([^\s\-?:,[\]{}#&*!|>'"%@`][^\t#]*)$/;
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
// Printable characters only; line breaks are "\n" alone.
const UNUSUAL_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/**
 * The fields of metadata made only of comment lines and plain `field: text` lines, each field
 * once, as YAML would read them; undefined for anything else.
 */
function plainFields(text: string): Record<string, string> | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  const fields: Record<string, string> = {};
  let any = false;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = PLAIN_LINE.exec(line);
    const key = match?.[1];
    const value = match?.[2];
    if (key === undefined || value === undefined || value.endsWith(' ') || value.endsWith(':') || value.includes(': ')) return undefined;
    if (NOT_A_STRING.test(key) || NOT_A_STRING.test(value) || Object.hasOwn(fields, key)) return undefined;
    fields[key] = value;
    any = true;
  }
  return any ? fields : undefined;
}

interface Report {
  reason: string;
  span: [number, number];
  ruleId: string;
  /** The top-level field the report rejects. */
  field?: string;
  actual?: string;
  expected?: string[];
}

/** One report per unknown field and per invalid field (its first issue: later checks on a bad value add nothing). */
function issueReports(issues: readonly z.core.$ZodIssue[], doc: Document): Report[] {
  const reports: Report[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const span = rangeOf(yamlNodeAt(doc, path, 'key'), doc);
        const reason = `Unexpected field \`${dotted(path)}\`, expected one of ${knownFields.join(', ')}`;
        reports.push({ reason, span, ruleId: 'meta-unknown-field', field: String(path[0]), actual: key, expected: knownFields });
      }
      continue;
    }
    if (seen.has(dotted(issue.path))) continue;
    seen.add(dotted(issue.path));
    const { reason, expected } = describeIssue(issue);
    const actual = 'input' in issue ? showInput(issue.input) : undefined;
    const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    const span = rangeOf(yamlNodeAt(doc, issue.path, 'value'), doc);
    reports.push({ reason, span, ruleId: 'meta-invalid', ...(field !== undefined && { field }), ...(actual !== undefined && { actual }), ...(expected && { expected }) });
  }
  return reports;
}

/** Metadata from a sidecar `.meta.yaml` VFile; messages go to that VFile. */
export function parseSidecarMeta(metaFile: VFile): PageMeta {
  return parseMetaYaml(String(metaFile.value ?? ''), metaFile, { path: metaFile.path });
}

/** Wording for one zod issue: "Unexpected value for `path`: expected …". */
function describeIssue(issue: z.core.$ZodIssue): { reason: string; expected?: string[] } {
  const path = issue.path.length === 0 ? 'metadata' : dotted(issue.path);
  const empty = 'input' in issue && issue.input === null ? 'empty ' : '';
  const unexpected = `Unexpected ${empty}value for \`${path}\``;
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      return { reason: `${unexpected}: expected one of ${values.join(', ')}`, expected: values };
    }
    case 'invalid_type':
      return { reason: `${unexpected}: expected ${issue.expected === 'object' && path === 'metadata' ? 'a mapping of fields' : issue.expected}`, expected: [issue.expected] };
    default:
      // Formats, lengths and refinements carry a custom message phrased as the expectation.
      return { reason: `${unexpected}: expected ${issue.message}`, expected: [issue.message] };
  }
}

function showInput(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The YAML node for a path of keys and indices: the value (or the key, for unknown fields or empty values). */
function yamlNodeAt(doc: Document, path: readonly PropertyKey[], want: 'key' | 'value'): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      const last = i === path.length - 1;
      // An empty value (`title:`) has a zero-width node: point at its key instead.
      const value = isScalar(pair?.value) && pair.value.range?.[0] === pair.value.range?.[1] ? undefined : pair?.value;
      node = last && want === 'key' ? pair?.key : (value ?? pair?.key);
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return node as YamlNode | undefined;
}

function rangeOf(node: YamlNode | undefined, doc: Document): [number, number] {
  const range = node?.range ?? doc.contents?.range;
  return range ? [range[0], range[1]] : [0, 0];
}

function placer(text: string, origin: MetaOrigin): Place {
  const toPoint = pointLocator(text);
  const { offsetBase = 0, lineBase = 0, columnBase = 0 } = origin;
  const shift = (p: Point): Point => ({
    line: p.line + lineBase,
    column: p.column + (p.line === 1 ? columnBase : 0),
    offset: (p.offset ?? 0) + offsetBase,
  });
  const clamp = (offset: number): number => Math.max(0, Math.min(offset, text.length));
  return (start, end) => ({ start: shift(toPoint(clamp(start))), end: shift(toPoint(clamp(end))) });
}
