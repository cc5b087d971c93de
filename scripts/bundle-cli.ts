// Run by `npm run compile` after tsc: bundles the compiled CLI and its worker thread into
// build/bundle/cli/, so that a build loads a few dozen files instead of about 500 modules (half
// of a one-page build's second on this machine; see "Performance" in the README). The chunks sit
// at the same depth below build/ as the modules they come from, so the paths the code finds
// beside itself (package.json, build/types-prebuilt.json, page-worker.js, table-worker.js) stay the same.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  cwd: root,
  // bench-run: make bench measures the code users run
  input: { main: 'build/pipeline/cli/main.js', 'page-worker': 'build/pipeline/io/page-worker.js', 'table-worker': 'build/pipeline/io/table-worker.js', 'bench-run': 'build/scripts/bench/run.js' },
  platform: 'node',
  logLevel: 'warn',
  output: { dir: 'build/bundle/cli', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true },
});
