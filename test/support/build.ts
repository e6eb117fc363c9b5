import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/shared/paths.js';

/**
 * Builds the server and the console when older than their sources (scripts/build.mjs), as `npm start` does: the
 * command line's suite runs bin/gongkai.js and the browser suites serve dist/console, as a deployment would. The
 * build makes a production bundle whatever NODE_ENV the test runner set; CI has built it at `npm ci`.
 */
export function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
