// Builds what is missing or older than its sources: the server (tsc → dist/server) and the console
// (Vite → dist/console). `npm start` and `npm install` run it, so a fresh clone needs no other step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale(stamp, inputs) {
  if (force || !fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return inputs.some((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? newestMtime(p) : fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0) > built);
}

function run(label, bin, args) {
  const started = Date.now();
  process.stdout.write(`building ${label}… `);
  // Always a production build, whatever NODE_ENV the caller runs under (a test runner sets 'test').
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const serverStamp = path.join(root, 'dist/server/.built');
if (stale(serverStamp, [path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'package.json')])) {
  fs.rmSync(path.join(root, 'dist/server'), { recursive: true, force: true });
  run('server', 'typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  fs.writeFileSync(serverStamp, new Date().toISOString());
}

const consoleStamp = path.join(root, 'dist/console/.built');
if (stale(consoleStamp, [path.join(root, 'web/console'), path.join(root, 'package.json')])) {
  run('console', 'vite/bin/vite.js', ['build', '--config', 'web/console/vite.config.ts', '--logLevel', 'warn']);
  fs.writeFileSync(consoleStamp, new Date().toISOString());
}
