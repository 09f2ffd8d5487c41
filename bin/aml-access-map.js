#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build:cli` (run automatically by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/aml-access-map.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('aml-access-map: the CLI is not built yet; run `npm run build:cli` first\n');
  process.exit(2);
}
const { runFromProcess } = await import(pathToFileURL(bundle).href);
await runFromProcess();
