// Every module has the two faces of docs/adr/0016: index.ts (its public API, all another module may import) and
// module.ts (its descriptor, read by src/http/modules.ts only), and the app knows every descriptor. A module without
// a descriptor is a library: it has no routes, pages, site files, hooks or jobs (a descriptor is how the app would
// learn of them), so it imports nothing of http/, portal/, shared/jobs.ts or shared/hooks.ts. And src/ holds no
// test-only code: the build (tsconfig.build.json) compiles src/ without its *.test.ts into dist.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, SRC, sourceFiles } from '../../scripts/architecture/measure.js';
import type { GongkaiModule } from '../../src/http/module.js';
import { MODULES } from '../../src/http/modules.js';

const MODULES_DIR = path.join(SRC, 'modules');
const folders = fs
  .readdirSync(MODULES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const has = (m: string, file: string) => fs.existsSync(path.join(MODULES_DIR, m, file));
const filesOf = (m: string) => sourceFiles(path.join(MODULES_DIR, m));
const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** What only a module with a descriptor may have: the parts of src/ through which a module joins the app. */
const JOINS_THE_APP = ['src/http/', 'src/portal/', 'src/shared/jobs.ts', 'src/shared/hooks.ts'];

describe('modules', () => {
  it('each has an index.ts, its public face', () => {
    expect(folders.filter((m) => !has(m, 'index.ts'))).toEqual([]);
  });

  it('each with a descriptor is listed in MODULES under its folder’s name', async () => {
    const listed: string[] = [];
    for (const m of folders.filter((f) => has(f, 'module.ts'))) {
      const exported = Object.values((await import(`../../src/modules/${m}/module.ts`)) as Record<string, unknown>);
      const descriptors = exported.filter((v): v is GongkaiModule => typeof v === 'object' && v !== null && typeof (v as GongkaiModule).name === 'string');
      expect(descriptors.map((d) => d.name), `src/modules/${m}/module.ts exports one descriptor named ${m}`).toEqual([m]);
      expect(MODULES, `src/http/modules.ts lists ${m}`).toContain(descriptors[0]);
      listed.push(m);
    }
    const names = MODULES.map((d) => d.name);
    expect(new Set(names).size, 'module names are unique').toBe(names.length);
    // Besides the modules, MODULES holds the platform's own jobs.
    expect(names.filter((n) => !listed.includes(n))).toEqual(['platform']);
  });

  it('each without a descriptor is a library: no routes, pages, site files, hooks or jobs', () => {
    const libraries = folders.filter((m) => !has(m, 'module.ts'));
    expect(libraries.length).toBeGreaterThan(0);
    for (const m of libraries) {
      const files = filesOf(m).map(relative);
      expect(files.filter((f) => /\.(routes|pages|page)\.ts$/.test(f) || f.includes('/pages/')), `${m} has no routes or pages`).toEqual([]);
      const joins = filesOf(m).flatMap((f) => importsOf(f).filter((e) => JOINS_THE_APP.some((p) => relative(e.target).startsWith(p))).map((e) => `${relative(f)} -> ${relative(e.target)}`));
      expect(joins, `${m} imports nothing through which a module joins the app`).toEqual([]);
    }
  });
});

describe('src/ holds no test-only code', () => {
  it('no source file imports a test library or test/', () => {
    const TEST_ONLY = /^(?:vitest|@vitest\/|fast-check|playwright-core|axe-core|jszip|mailparser)(?:\/|$)/;
    const offenders = sourceFiles().flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);
      return specs.filter((s) => TEST_ONLY.test(s) || path.resolve(path.dirname(file), s).startsWith(path.join(ROOT, 'test') + path.sep)).map((s) => `${relative(file)}: ${s}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the build compiles src/ without its tests', () => {
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[]; exclude: string[] };
    expect(build.include).toEqual(['src']);
    expect(build.exclude).toContain('src/**/*.test.ts');
  });
});
