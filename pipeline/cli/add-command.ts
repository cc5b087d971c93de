import path from 'node:path';
import { planAdd, sidecarYaml } from '../add/plan-add.js';
import { existingPages, readFileToAdd, writeAddedPage } from '../io/add-page.js';
import { normaliseDate } from '../parse/parse-date.js';
import { InputError } from '../util/errors.js';

export interface AddOptions {
  /** The saved page (.html, .md or .txt). */
  file: string;
  url?: string;
  /** YYYY-MM-DD; default today's date in UTC. */
  retrieved?: string;
  publisher?: string;
  language?: string;
  sources: string;
}

/**
 * Store a saved page under `<sources>/pages/<site>/` with its sidecar `.meta.yaml`.
 * 0 stored; 2 refused (same content already stored, not an http(s) URL, …) with the reason on
 * stderr. Unusable input (a missing or empty file, a bad date or language) throws InputError.
 */
export async function runAdd(options: AddOptions): Promise<number> {
  if (options.url === undefined || options.url === '') throw new InputError(`${options.file}: --url is missing, expected the address the page was saved from`);
  const language = options.language;
  if (language !== undefined && language !== 'en' && language !== 'sv') throw new InputError(`${options.file}: unexpected --language ${language}, expected en or sv`);
  // The date of the act of adding: the only place the clock is read, and only when no date is given.
  const retrieved = options.retrieved ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(retrieved) || normaliseDate(retrieved) !== retrieved) {
    throw new InputError(`${options.file}: unexpected --retrieved ${retrieved}, expected a calendar date as YYYY-MM-DD`);
  }

  const { fileName, bytes } = await readFileToAdd(options.file);
  const plan = planAdd({
    fileName,
    bytes,
    url: options.url,
    retrieved,
    ...(options.publisher !== undefined && { publisher: options.publisher }),
    ...(language !== undefined && { language }),
    existing: await existingPages(options.sources),
  });
  if (plan.action === 'refuse') {
    process.stderr.write(`samverkan: ${plan.reason}\n`);
    return 2;
  }
  const written = await writeAddedPage(options.sources, plan.relPath, bytes, sidecarYaml(plan.meta, plan.languageFrom));
  const lines = [`samverkan: stored ${written.page} and ${path.basename(written.sidecar)} (${plan.meta.language}, retrieved ${plan.meta.retrieved ?? retrieved})`];
  if (plan.versionOf.length > 0) lines.push(`  a new version of ${plan.versionOf.join(', ')} (both kept; the build tells them apart by url and retrieved)`);
  lines.push(...plan.warnings.map((warning) => `  warning: ${warning}`));
  process.stderr.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${written.page}\n`);
  return 0;
}
