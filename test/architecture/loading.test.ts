// Every source file loads on its own. ES modules that import each other are evaluated in the order of whichever is
// loaded first; a module whose top level uses what another module of its cycle has not defined yet fails with a
// ReferenceError when that other module is the one loaded first. Only the files of an import cycle can fail that
// way (a file outside every cycle runs after all it imports has run), so each of them is loaded as the entry of a
// fresh module graph (vi.resetModules), as a command, a test or a new entry point might load it; every other file
// is loaded once.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importCycles, ROOT, sourceFiles } from '../../scripts/architecture/measure.js';

/** Entry points that act when loaded: src/main.ts runs the command line (what it imports is loaded here). */
const ACTS_WHEN_LOADED = new Set(['src/main.ts']);

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const files = sourceFiles().map(relative).filter((f) => !ACTS_WHEN_LOADED.has(f));

async function loadFailure(file: string): Promise<string | null> {
  try {
    await import(/* @vite-ignore */ path.join(ROOT, file));
    return null;
  } catch (err) {
    return `${file}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
}

describe('every source file loads on its own', () => {
  it('loads every file, the modules’ index.ts and module.ts among them', async () => {
    expect(files).toEqual(expect.arrayContaining(['src/modules/publishing/index.ts', 'src/modules/publishing/module.ts', 'src/http/modules.ts']));
    vi.resetModules();
    const failures: string[] = [];
    for (const file of files) {
      const failure = await loadFailure(file);
      if (failure) failures.push(failure);
    }
    expect(failures, `files that fail to load:\n${failures.join('\n')}`).toEqual([]);
  }, 60_000);

  it('loads each file of an import cycle as the first module of a fresh module graph', async () => {
    const cycles = importCycles();
    const failures: string[] = [];
    for (const file of cycles.flat().filter((f) => !ACTS_WHEN_LOADED.has(f))) {
      vi.resetModules();
      const failure = await loadFailure(file);
      if (failure) failures.push(failure);
    }
    vi.resetModules();
    const described = cycles.map((c) => `  ${c.join(' → ')}`).join('\n');
    expect(failures, `files of the import cycles\n${described}\nthat fail when loaded first:\n${failures.join('\n')}`).toEqual([]);
  }, 60_000);
});
