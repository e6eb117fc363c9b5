#!/usr/bin/env node
// Runs the compiled command line (dist/server). `npm install` builds it; `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('gongkai is not built yet: run npm run build\n');
  process.exit(1);
}
const { main, describeFailure } = await import(entry.href);
try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gongkai: ${describeFailure(err)}\n`);
  process.exitCode = 1;
}
