// `npm run bench [name…]`: makes sure the build is current, then runs every bench/*.bench.ts (or those whose
// name contains one of the arguments), one after another. Each prints a table and writes bench/results/<name>.json.
// Exit status: 2 when a benchmark failed; with BENCH_STRICT=1 also 1 when a target was missed; else 0.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bench } from './lib/bench.js';
import { ROOT } from './lib/processes.js';

const log = (line: string): void => console.log(line);

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const benchDir = path.join(ROOT, 'bench');
  const files = fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)));
  if (files.length === 0) {
    console.error(`no benchmark matches ${filters.join(' ')} (bench/*.bench.ts)`);
    return 2;
  }

  log('== build (node scripts/build.mjs)');
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    console.error('the build failed (output above): benchmarks need a current build of the server');
    return 2;
  }

  let status = 0;
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default?: Bench };
    const bench = mod.default;
    if (!bench) {
      console.error(`${file}: no default export`);
      status = 2;
      continue;
    }
    log(`\n== ${bench.name}: ${bench.description}`);
    const started = Date.now();
    try {
      const { targetsMet, resultFile } = await bench.run(log);
      const took = `${((Date.now() - started) / 1000).toFixed(0)} s`;
      log(resultFile ? `\nwrote ${path.relative(ROOT, resultFile)} (${took})` : `\nskipped, nothing written (${took})`);
      if (!targetsMet && process.env.BENCH_STRICT === '1' && status === 0) status = 1;
    } catch (err) {
      console.error(`${bench.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      status = 2;
    }
  }
  return status;
}

process.exitCode = await main();
