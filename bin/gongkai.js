#!/usr/bin/env node
// Runs the compiled command line (dist/server). `npm install` builds it; `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('gongkai: not built yet: run npm run build\n');
  process.exit(1);
}
await import(entry.href);
