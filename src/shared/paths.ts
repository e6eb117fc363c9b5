import fs from 'node:fs';
import path from 'node:path';

/** The project root (the folder of package.json), whether running from src/ under tsx or from dist/server/. */
export const PROJECT_ROOT = (() => {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + import.meta.dirname);
    dir = parent;
  }
  return dir;
})();
