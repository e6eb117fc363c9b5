// `npm start`: build what is stale, then serve with the demo agency loaded into an empty database.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
await import('./build.mjs');
const child = spawn(process.execPath, [path.join(root, 'bin/gongkai.js'), 'serve', '--seed-demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
