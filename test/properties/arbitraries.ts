/**
 * Arbitraries and checks shared by the property tests: page text in every format (free text,
 * Markdown and HTML noise, real authority names and the cue phrases the extractor reads), and
 * an independent check of evidence against its source.
 */
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { expect } from 'vitest';
import type { Evidence } from '../../schemas/evidence.js';
import type { ParseFormat } from '../../pipeline/parse/parse-page.js';

// A fixed seed by default, so that `make test` (and CI) gives the same verdict on the same code;
// PROPERTY_SEED=random (or a number) explores other inputs: `PROPERTY_SEED=random PROPERTY_RUNS=5000`.
if (process.env.PROPERTY_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261128) });

/** `n` runs, or PROPERTY_RUNS when set (to hunt longer locally: `PROPERTY_RUNS=5000 npx vitest run test/properties`). */
export function numRuns(n: number): number {
  const override = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(override) && override > 0 ? override : n;
}

/** Names pages use for authorities the registry knows, in both languages, with and without article. */
export const AUTHORITY_NAMES = [
  'Swedish Police Authority', 'the Swedish Police Authority', 'Polismyndigheten', 'Swedish Customs', 'Tullverket',
  'Swedish Tax Agency', 'Skatteverket', 'Swedish Economic Crime Authority', 'Ekobrottsmyndigheten',
  'Swedish Prosecution Authority', 'Åklagarmyndigheten', 'Swedish Social Insurance Agency', 'Försäkringskassan',
  'Swedish Coast Guard', 'Kustbevakningen', 'Swedish Migration Agency', 'Migrationsverket', 'Swedish Security Service',
  'Säkerhetspolisen', 'Swedish Prison and Probation Service', 'Kriminalvården', 'Swedish Enforcement Authority',
  'Kronofogden', 'Swedish Work Environment Authority', 'Arbetsmiljöverket', 'Swedish Public Employment Service',
  'Arbetsförmedlingen', 'Swedish Pensions Agency', 'Pensionsmyndigheten', 'CSN', 'MSB', 'Länsstyrelsen i Stockholms län',
  'Brottsförebyggande rådet', 'Swedish Board of Student Finance (CSN)', 'Sweden’s municipalities',
] as const;

export const FORUM_NAMES = [
  'National Council Against Organised Crime', 'Joint Task Force on Benefit Fraud', 'Regional Intelligence Centre',
  'Maritime Crime Group', 'Samverkansrådet mot organiserad brottslighet', 'Nationella underrättelsecentret',
  'the Council', 'Rådet', 'Operation Wagtail (OW)',
] as const;

const COUNTS = ['fifteen', 'three', 'Twelve', '3', '12', 'seven', 'tolv', 'fem', 'nine additional', 'sju andra'] as const;

/** Sentences the extractor reads, with holes for names. */
const SENTENCES: readonly ((f: string, a: string, b: string, c: string, n: string, y: number) => string)[] = [
  (f, a) => `The ${f} is led by the ${a}.`,
  (_f, a, b, c) => `The other members are the ${a}, the ${b} and ${c}.`,
  (f, _a, _b, _c, n) => `${n} authorities take part in the ${f}:`,
  (f, _a, _b, _c, _n, y) => `The ${f} was set up in ${y}.`,
  (_f, a) => `${a} coordinates the work.`,
  (f, a, b) => `Since ${2000 + (a.length % 20)}, ${a} has taken part in the ${f} together with ${b}.`,
  (f, a) => `${f} leds av ${a}.`,
  (_f, a, b, c) => `Övriga medlemmar är ${a}, ${b} och ${c}.`,
  (_f, _a, _b, _c, n) => `I rådet ingår ${n} myndigheter:`,
  (f, _a, _b, _c, _n, y) => `${f} startade ${y} och avslutades ${y + 3}.`,
  (f, a) => `The ${f} was commissioned by the Government and is coordinated by ${a}.`,
  (_f, a, b) => `Members: ${a}; ${b}.`,
];

/** Markdown syntax in all its awkward places. */
export const MARKDOWN_NOISE = [
  '#', '## ', '- ', '* ', '> ', '`', '```\n', '~~~', '[x](y)', '[x][1]', '\n[1]: http://a\n', '![i](j)', '**', '_', '~~',
  '| a | b |\n|---|---|\n| c | d |\n', '---\n', '---\nurl: https://example.org/x\nlanguage: en\n---\n', '\\', '\\*', '1. ',
  '   ', '\t', '\n', '\n\n', '\r\n', '\r', '<br>', 'https://example.org/a_b', '[^1]', '\n[^1]: note\n', '- [ ] ', '***\n',
  '<!-- c -->', '&amp;', '&#x41;', '&nbsp;', '&#128512;', '&bogus;', '\u00A0', '\u2028', '\uFEFF', '[', ']', '](', ' https://example.org/x_y ',
  'www.example.org', 'info@example.org', '<https://example.org>', '(CSN)', ':', ';', ', ', '–',
] as const;

/** HTML syntax, entities and chrome. */
export const HTML_NOISE = [
  '<p>', '</p>', '<div>', '</div>', '<b>', '</b>', '<i>', '<a href="x">', '</a>', '<br>', '<br/>', '<ul><li>', '</li>', '</ul>',
  '<h1>', '</h1>', '<h2>', '</h2>', '<table><tr><td>', '</td></tr></table>', '<script>alert("<p>x</p>")</script>',
  '<style>p{}</style>', '<!-- comment -->', '<!--', '-->', '&amp;', '&lt;', '&#x41;', '&#65;', '&nbsp;', '&copy', '&unknown;',
  '<nav>menu</nav>', '<main>', '</main>', '<article>', '<footer>Senast uppdaterad: 2024-05-13</footer>', '<![CDATA[x]]>',
  '<template><p>t</p></template>', '<svg><title>s</title></svg>', '<img alt="a">', '<pre>  x  </pre>', '<code>c</code>',
  '</body>', '<html lang="en">', '<!doctype html>', '<', '>', '"', "'", '<p hidden>h</p>', '<div class="cookie">c</div>',
  '<q>quoted</q>', '<input value="v">', '<select><option>o</option></select>', '<dl><dt>t</dt><dd>d</dd></dl>', '<sup>1</sup>',
  '<del>old</del>', '<iframe src="x"></iframe>', '<textarea>t</textarea>', '<button>Print</button>', '<li>', '<td>', '<tr>',
  '<h3>Senast uppdaterad: 13 maj 2024</h3>', '<p>Skriv ut</p>', 'https://example.org', '\r\n', '\t', '(CSN)', ':', ';',
] as const;

const freeText = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ maxLength: 20 }));

/** How a page may write a name: its spaces, letters and words in the markup of the format. */
const NAME_SPELLINGS: Readonly<Record<'md' | 'html', readonly ((name: string) => string)[]>> = {
  md: [
    (n) => n.replace(/ /gu, '\n'),
    (n) => n.replace(/ /gu, '  '),
    (n) => `**${n}**`,
    (n) => `[${n}](https://example.org/${encodeURIComponent(n)})`,
    (n) => n.replace(/ (\S+)$/u, ' *$1*'),
    (n) => n.replace(/ /u, '\\\n'),
    (n) => n.replace(/-/gu, '\\-'),
    (n) => `\`${n}\``,
    (n) => n.replace(/å/gu, '&aring;').replace(/ä/gu, '&#228;').replace(/ö/gu, '&#xF6;'),
  ],
  html: [
    (n) => n.replace(/ /gu, '&nbsp;'),
    (n) => n.replace(/ /gu, '\n   '),
    (n) => `<b>${n}</b>`,
    (n) => `<a href="x">${n}</a>`,
    (n) => n.replace(/ (\S+)$/u, ' <em>$1</em>'),
    (n) => n.replace(/ /u, '<br>'),
    (n) => n.replace(/ /u, ' <!-- c --> '),
    (n) => n.replace(/å/gu, '&aring;').replace(/ä/gu, '&#228;').replace(/ö/gu, '&#xF6;').replace(/ /gu, '&#32;'),
  ],
};

/** A real name, as written or in one of the spellings of the format. */
function writtenNameArbitrary(format: 'md' | 'html'): fc.Arbitrary<string> {
  const spelling = fc.option(fc.constantFrom(...NAME_SPELLINGS[format]), { freq: 2 });
  return fc.tuple(fc.constantFrom(...AUTHORITY_NAMES), spelling).map(([name, spell]) => (spell ? spell(name) : name));
}

/** A sentence with real names and cues, some of it disturbed by noise. */
export function sentenceArbitrary(noise: readonly string[]): fc.Arbitrary<string> {
  const name = writtenNameArbitrary(noise === HTML_NOISE ? 'html' : 'md');
  return fc
    .record({
      template: fc.constantFrom(...SENTENCES),
      forum: fc.constantFrom(...FORUM_NAMES),
      a: name,
      b: name,
      c: name,
      count: fc.constantFrom(...COUNTS),
      year: fc.integer({ min: 1990, max: 2030 }),
      disturb: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...noise)), { freq: 3 }),
    })
    .map(({ template, forum, a, b, c, count, year, disturb }) => {
      const sentence = template(forum, a, b, c, count, year);
      if (!disturb) return sentence;
      const at = disturb[0] % (sentence.length + 1);
      return sentence.slice(0, at) + disturb[1] + sentence.slice(at);
    });
}

/** Text made of random pieces: free text, noise, names, cue sentences. */
export function noisyTextArbitrary(noise: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(freeText, fc.constantFrom(...noise), fc.constantFrom(...AUTHORITY_NAMES, ...FORUM_NAMES), sentenceArbitrary(noise)), { maxLength: 30 })
    .map((parts) => parts.join(''));
}

type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const blockArbitrary = (noise: readonly string[]): fc.Arbitrary<Block> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...FORUM_NAMES).map((text): Block => ({ kind: 'heading', text })) },
    { weight: 4, arbitrary: fc.array(sentenceArbitrary(noise), { minLength: 1, maxLength: 3 }).map((s): Block => ({ kind: 'paragraph', text: s.join(' ') })) },
    { weight: 2, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...AUTHORITY_NAMES) }, { weight: 1, arbitrary: freeText }), { minLength: 1, maxLength: 6 }).map((items): Block => ({ kind: 'list', items })) },
    { weight: 1, arbitrary: noisyTextArbitrary(noise).map((text): Block => ({ kind: 'paragraph', text })) },
  );

function render(format: ParseFormat, blocks: Block[], frontMatter: boolean): string {
  if (format === 'html') {
    const body = blocks
      .map((b) => (b.kind === 'heading' ? `<h2>${b.text}</h2>` : b.kind === 'paragraph' ? `<p>${b.text}</p>` : `<ul>${b.items.map((i) => `<li>${i}</li>`).join('')}</ul>`))
      .join('\n');
    return `<!doctype html><html lang="en"><head><title>Page</title></head><body><nav>Home</nav><main>${body}</main></body></html>`;
  }
  const text = blocks
    .map((b) => (b.kind === 'heading' ? (format === 'md' ? `## ${b.text}` : b.text) : b.kind === 'paragraph' ? b.text : b.items.map((i) => `${format === 'md' ? '-' : '•'} ${i}`).join('\n')))
    .join('\n\n');
  return format === 'md' && frontMatter ? `---\nurl: https://example.org/page\nlanguage: en\n---\n\n${text}\n` : `${text}\n`;
}

/**
 * A page in `format`: a forum's heading and a sentence with cues first (so that most pages
 * describe a forum), then headings, cue sentences and lists of names, with noise of the format.
 */
export function pageArbitrary(format: ParseFormat): fc.Arbitrary<string> {
  const noise = format === 'html' ? HTML_NOISE : MARKDOWN_NOISE;
  const opening = fc.tuple(fc.constantFrom(...FORUM_NAMES), sentenceArbitrary(noise)).map(([forum, sentence]): Block[] => [
    { kind: 'heading', text: forum },
    { kind: 'paragraph', text: sentence },
  ]);
  return fc
    .tuple(opening, fc.array(blockArbitrary(noise), { maxLength: 8 }), fc.boolean())
    .map(([first, blocks, frontMatter]) => render(format, [...first, ...blocks], frontMatter));
}

/** Any text for `format`: free text, noise, or a structured page. */
export function anyTextArbitrary(format: ParseFormat): fc.Arbitrary<string> {
  const noise = format === 'html' ? HTML_NOISE : MARKDOWN_NOISE;
  return fc.oneof(
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: noisyTextArbitrary(noise) },
    { weight: 1, arbitrary: noisyTextArbitrary([...MARKDOWN_NOISE, ...HTML_NOISE]) },
    { weight: 4, arbitrary: pageArbitrary(format) },
  );
}

/** Line and column of `offset`, counted here rather than by the code under test. */
export function pointAt(source: string, offset: number): { line: number; column: number; offset: number } {
  const before = source.slice(0, offset).split(/\r\n|\r|\n/u);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, offset };
}

const isEvidence = (value: object): value is Evidence => 'sourceId' in value && 'start' in value && 'end' in value && 'quote' in value;

/** Every evidence object anywhere in `value` (records, extracted facts), each once. */
export function evidenceIn(value: unknown): Evidence[] {
  const found = new Set<Evidence>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (isEvidence(current)) found.add(current);
    for (const child of Object.values(current)) stack.push(child);
  }
  return [...found];
}

/** The evidence lies inside its source, quotes it exactly, and its lines and columns agree with its offsets. */
export function expectEvidenceInSource(evidence: Evidence, source: string, sourceId: string): void {
  const { start, end, quote } = evidence;
  expect(evidence.sourceId).toBe(sourceId);
  expect(start.offset).toBeGreaterThanOrEqual(0);
  expect(end.offset).toBeGreaterThanOrEqual(start.offset);
  expect(end.offset).toBeLessThanOrEqual(source.length);
  expect(quote).toBe(source.slice(start.offset, end.offset));
  expect(quote.length, 'a quote is never empty (schemas/evidence.ts)').toBeGreaterThan(0);
  expect(start).toEqual(pointAt(source, start.offset));
  expect(end).toEqual(pointAt(source, end.offset));
}

/**
 * known-failures.md #1: a table row without text, read as an item of a participant list, gives
 * the list's evidence a range that ends before it starts. True when the tree has such a row (the
 * header row is never an item), so that a property can leave those inputs out until it is fixed.
 */
export function hasTextlessTableRow(tree: Root): boolean {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'table' && node.children.slice(1).some((row) => textOf(row).trim() === '')) return true;
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return false;
}

/** The text the extractor reads from a node: its text and inline code. */
function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c)).join('') : '';
}
