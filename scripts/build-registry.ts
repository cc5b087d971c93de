/**
 * Writes sources/registry/authorities.json from the myndighetsdata reference snapshot.
 *
 *   node build/scripts/build-registry.js [--reference DIR] [--out FILE]
 *
 * --reference defaults to ../shared/reference/myndighetsdata relative to the project root; --out to
 * sources/registry/authorities.json. Only I/O lives here: the transformation is
 * pipeline/resolve/build-registry-entries.ts. Counts and anything not attached go to stderr.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRegistryEntries, parseMatchlist, REFERENCE_DATE } from '../pipeline/resolve/build-registry-entries.js';
import { RegistryFile } from '../pipeline/resolve/registry-schema.js';

const ORIGIN =
  'Derived from civictechsweden/myndighetsdata (commit e5b5c07, 2026-01-02), CC0: ESV, SCB, Statskontoret, SFS, Arbetsgivarverket, Wikidata.';
const GENERATED_FROM = 'scripts/build-registry.ts';

/** The directory holding package.json, searched upwards from this file (works from build/scripts/ and scripts/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('build-registry: cannot find the project root (no package.json above this script)');
    dir = up;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`build-registry: cannot read ${file}: ${(e as Error).message}`);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: { reference: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const root = projectRoot();
  const refDir = path.resolve(values.reference ?? path.join(root, '..', 'shared', 'reference', 'myndighetsdata'));
  const outFile = path.resolve(values.out ?? path.join(root, 'sources', 'registry', 'authorities.json'));

  const merged = readJson(path.join(refDir, 'merged.json'));
  const wd = readJson(path.join(refDir, 'wd.json'));
  const matchFile = path.join(refDir, 'matchlist.csv');
  let matchText: string;
  try {
    matchText = readFileSync(matchFile, 'utf8');
  } catch (e) {
    throw new Error(`build-registry: cannot read ${matchFile}: ${(e as Error).message}`);
  }

  const { entries, report } = buildRegistryEntries(merged, wd, parseMatchlist(matchText));
  const file: RegistryFile = { origin: ORIGIN, generatedFrom: GENERATED_FROM, authorities: entries };

  const parsed = RegistryFile.safeParse(file);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => {
      const at = i.path.length >= 2 && i.path[0] === 'authorities' ? `${entries[Number(i.path[1])]?.id ?? '?'}: ` : '';
      return `  ${at}${i.path.join('.')}: ${i.message}`;
    });
    throw new Error(
      `build-registry: the generated registry does not satisfy RegistryFile (${parsed.error.issues.length} issues); nothing written:\n${lines.join('\n')}`,
    );
  }
  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.id)) throw new Error(`build-registry: duplicate id ${e.id}; nothing written`);
    ids.add(e.id);
  }

  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(file, null, 2)}\n`, 'utf8');

  const log = (s: string): void => {
    process.stderr.write(`${s}\n`);
  };
  const first = <T>(xs: T[], f: (x: T) => string, n = 5): string =>
    xs.length === 0 ? '' : `: ${xs.slice(0, n).map(f).join('; ')}${xs.length > n ? '; …' : ''}`;
  log(`build-registry: wrote ${path.relative(process.cwd(), outFile) || outFile}`);
  log(`  ${report.entries} authorities, ${report.active} active (reference date ${REFERENCE_DATE})`);
  log(
    `  ${report.rejectedOrgNumbers.length} upstream organisation numbers rejected (not ten digits with a valid Luhn check digit)` +
      first(report.rejectedOrgNumbers, (r) => `${r.agency} ${r.source}=${r.value}`),
  );
  log(`  ${report.entriesWithOnlyRejectedOrgNumbers.length} authorities left without an organisation number because of that`);
  log(`  ${report.junkRows} matchlist rows without a name ("?") skipped`);
  log(
    `  ${report.attachedOfficialNames.length} matchlist official names that are not merged.json keys attached` +
      first(report.attachedOfficialNames, (x) => `${x.officialName} → ${x.id} (${x.via})`, 3),
  );
  log(
    `  ${report.unattachedRows.length} matchlist rows not attached (official name unknown to the registry)` +
      first(report.unattachedRows, (r) => `"${r.name}" → ${r.official_name}`),
  );
  if (report.suffixedIds.length > 0) log(`  ${report.suffixedIds.length} ids suffixed` + first(report.suffixedIds, (x) => `${x.name} → ${x.id}`));
  if (report.movedWikidataIds.length > 0)
    log(`  ${report.movedWikidataIds.length} Wikidata ids moved` + first(report.movedWikidataIds, (x) => `${x.wikidata} ${x.from} → ${x.to}`));
  if (report.endedBySuccessor.length > 0)
    log(`  ${report.endedBySuccessor.length} authorities without an end date taken as ended (Wikidata names a successor)` + first(report.endedBySuccessor, (x) => x));
  if (report.ignoredEndDates.length > 0)
    log(
      `  ${report.ignoredEndDates.length} end dates ignored (staff reported for later years)` +
        first(report.ignoredEndDates, (x) => `${x.agency} ${x.source}=${x.end}`),
    );
}

try {
  main();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}
