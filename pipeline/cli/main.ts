#!/usr/bin/env node
// The CLI entry: argument parsing only. Commands load their modules when they run, so that
// `--help` and `--version` start as fast as node itself.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const HELP = `samverkan — Swedish authorities' collaboration against crime, as an open dataset

Usage:
  samverkan build [--sources DIR] [--out DIR] [--strict] [--force] [--quiet] [--max-size SIZE]
  samverkan check [--sources DIR] [--format text|stylish|json|sarif] [--max-size SIZE]
  samverkan diff OLD NEW [--format text|json]
  samverkan add FILE --url URL [--retrieved DATE] [--publisher NAME] [--language en|sv] [--sources DIR]
  samverkan --help | --version

Commands:
  build   parse every page under DIR/pages (default sources/) and write the dataset
          (default dist/). Failed count checks are data: they are summarised on stderr.
          A page that cannot be used (empty, binary, not UTF-8 or Windows-1252, too
          large, unreadable, not a page type, a link out of DIR) is skipped and listed;
          the rest is built.
  check   run the checks only and print them as a linter does:
          file:line:column  rule-id  message
          (skipped pages too: exit code 2 when there is one); pages that did not
          change since a build or check come from the cache, as for build
  diff    what changed between two release folders (each with data/*.json, as build
          writes them): forums, participants and roles, authority facts, count checks
          and sources. Exit code 0 whether or not anything changed.
  add     store a saved page (.html, .md, .txt) under DIR/pages/<site>/ with a sidecar
          <file>.meta.yaml. The same content twice is refused; a changed page is kept
          beside the old one as <slug>.<lang>.<retrieved>.<ext> and becomes the current claim

Options:
  --sources DIR   the sources folder (pages/ and registry/), default: sources
  --out DIR       the release folder to write, default: dist
  --strict        build: exit 1 when a count check failed; exit 2, writing nothing,
                  when a page was skipped
  --max-size SIZE build, check: skip pages larger than SIZE unread, in bytes or
                  with a unit (KB, MB, GB; 1 MB = 1048576 bytes), default: 20MB
  --force         build: replace an output folder that is not a samverkan release
  --format F      check: text (default), stylish (vfile-reporter), json, sarif;
                  diff: text (default), json
  --quiet         build: print nothing but errors
  --workers N     build, check: threads for parsing and extraction when at least 2,000
                  pages are not in the cache, and (build, more than one) for the CSV files
                  when it parses at least 500 pages on one thread or makes at least 20,000
                  records (default: the number of cores)
  --url URL       add: the address the page was saved from (http or https)
  --retrieved D   add: the date it was saved, YYYY-MM-DD, default: today (UTC)
  --publisher N   add: who published the page, as the registry names it
  --language L    add: en or sv, default: the page's own, else detected
  --debug         print stack traces of errors, unusable input included

Exit codes: 0 ok; 1 a check failed (check, or build --strict); 2 unusable input or usage.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sources: { type: 'string', default: 'sources' },
        out: { type: 'string', default: 'dist' },
        strict: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'max-size': { type: 'string' },
        workers: { type: 'string' },
        url: { type: 'string' },
        retrieved: { type: 'string' },
        publisher: { type: 'string' },
        language: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`samverkan: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    switch (command) {
      case 'build':
      case 'check':
        if (rest.length > 0) {
          process.stderr.write(`samverkan: unexpected argument \`${rest[0]}\` for ${command} (give the sources folder as --sources DIR)\n\n${HELP}`);
          return 2;
        }
        break;
    }
    let maxBytes: number | undefined;
    if (values['max-size'] !== undefined) {
      if (command !== 'build' && command !== 'check') {
        process.stderr.write(`samverkan: --max-size is for build and check only\n\n${HELP}`);
        return 2;
      }
      const { parseByteSize } = await import('../io/inspect-bytes.js');
      maxBytes = parseByteSize(values['max-size']);
      if (maxBytes === undefined) {
        process.stderr.write(`samverkan: unexpected --max-size ${values['max-size']}, expected a number of bytes, or one with KB, MB or GB (such as 20MB)\n`);
        return 2;
      }
    }
    const limit = maxBytes === undefined ? {} : { maxBytes };
    let workers: number | undefined;
    if (values.workers !== undefined) {
      workers = Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        process.stderr.write(`samverkan: unexpected --workers ${values.workers}, expected a whole number from 1 to 64\n`);
        return 2;
      }
    }
    switch (command) {
      case 'build': {
        const { runBuild } = await import('./build-command.js');
        return await runBuild({ sources: values.sources, out: values.out, strict: values.strict, force: values.force, quiet: values.quiet, ...limit, ...(workers ? { workers } : {}) });
      }
      case 'check': {
        const format = values.format;
        if (format !== 'text' && format !== 'stylish' && format !== 'json' && format !== 'sarif') {
          process.stderr.write(`samverkan: unknown --format ${format}: expected text, stylish, json or sarif\n`);
          return 2;
        }
        const { runCheck } = await import('./check-command.js');
        return await runCheck({ sources: values.sources, format, ...limit, ...(workers ? { workers } : {}) });
      }
      case 'diff': {
        const format = values.format;
        const [oldDir, newDir] = rest;
        if (oldDir === undefined || newDir === undefined || rest.length > 2) {
          process.stderr.write(`samverkan: diff needs two release folders, OLD and NEW (got ${rest.length})\n\n${HELP}`);
          return 2;
        }
        if (format !== 'text' && format !== 'json') {
          process.stderr.write(`samverkan: unknown --format ${format} for diff: expected text or json\n`);
          return 2;
        }
        const { runDiff } = await import('./diff-command.js');
        return await runDiff({ old: oldDir, new: newDir, format });
      }
      case 'add': {
        const [file] = rest;
        if (file === undefined || rest.length > 1) {
          process.stderr.write(`samverkan: add needs one saved page, FILE (got ${rest.length})\n\n${HELP}`);
          return 2;
        }
        const { runAdd } = await import('./add-command.js');
        return await runAdd({ file, sources: values.sources, url: values.url, retrieved: values.retrieved, publisher: values.publisher, language: values.language });
      }
      case undefined:
        process.stderr.write(`samverkan: a command is missing\n\n${HELP}`);
        return 2;
      default:
        process.stderr.write(`samverkan: unknown command \`${command}\`${rest.length ? '' : ''}\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    const { InputError } = await import('../util/errors.js');
    if (error instanceof InputError) {
      process.stderr.write(`samverkan: ${error.message}\n`);
      if (values.debug) process.stderr.write(`${error.stack ?? ''}\n`);
      return 2;
    }
    process.stderr.write(`samverkan: unexpected failure: ${(error as Error).message}\n`);
    if (values.debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('(run again with --debug for the stack trace)\n');
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`samverkan: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
