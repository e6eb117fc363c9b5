// Measures the module borders of src/: which module imports which, mutual pairs, imports that bypass a module's
// index.ts, files over 400 lines, route handlers over 30 lines and API routes without a response schema.
// `npx tsx scripts/architecture-report.ts [--json]`. The figures go into the architecture ADR and closing notes.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

/** The module a file belongs to: `modules/<m>`, else its top folder (`http`, `portal`, `shared`, `db`, …). */
function moduleOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel[0] === 'modules') return rel[1]!;
  return rel.length > 1 ? rel[0]! : 'root';
}

const files = walk(SRC);
const edges = new Map<string, number>();
const bypass: string[] = [];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const from = moduleOf(file);
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
    if (!target.startsWith(SRC)) continue;
    const to = moduleOf(target);
    if (to === from) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
    const rel = path.relative(SRC, target).split(path.sep);
    if (rel[0] === 'modules' && rel.length > 2 && rel[2] !== 'index.ts' && !(rel[2] === 'module.ts' && file.endsWith(path.join('http', 'modules.ts')))) bypass.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
  }
}

const modulePairs = [...edges.keys()].map((k) => k.split(' -> ') as [string, string]);
const mutual = modulePairs.filter(([a, b]) => a < b && edges.has(`${b} -> ${a}`)).map(([a, b]) => `${a} <-> ${b}`);

const longFiles = files
  .map((f) => ({ file: path.relative(ROOT, f), lines: fs.readFileSync(f, 'utf8').split('\n').length }))
  .filter((f) => f.lines > 400)
  .sort((a, b) => b.lines - a.lines);

/** Route handlers: the `handler:` of a route({...}) spec, measured to its closing brace at the same depth. */
const longHandlers: { file: string; line: number; lines: number }[] = [];
let routes = 0;
let withResponseSchema = 0;
for (const file of files.filter((f) => /\.routes\.ts$/.test(f))) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const text = lines.join('\n');
  for (const m of text.matchAll(/route(?:<[^>]*>)?\(\w+, ctx, \{/g)) {
    routes++;
    const rest = text.slice(m.index);
    const end = rest.indexOf('\n  });');
    const spec = end > 0 ? rest.slice(0, end) : rest;
    // The description may itself hold braces ('{total, items:[…]}'): the schema follows the quoted description.
    if (/\b(?:200|201): \{[^}]*schema:/.test(spec) || /\b(?:200|201): \{\s*description: (?:'[^']*'|`[^`]*`),\s*schema:/.test(spec) || /\b(?:200|201): ok\(/.test(spec) || /\b(?:200|201|204): (?:noContent|ok)/.test(spec)) withResponseSchema++;
  }
  lines.forEach((line, i) => {
    const h = /^(\s*)handler: /.exec(line);
    if (!h) return;
    const indent = h[1]!.length;
    // A handler written on one line (`handler: async ({ query }) => view(ctx, query),`) is one line long.
    const depth = (text: string) => (text.match(/[({[]/g) ?? []).length - (text.match(/[)}\]]/g) ?? []).length;
    if (depth(line) <= 0) return;
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.length - lines[j]!.trimStart().length === indent && /^\s*[}\])]/.test(lines[j]!))) j++;
    const length = j - i + 1;
    if (length > 30) longHandlers.push({ file: path.relative(ROOT, file), line: i + 1, lines: length });
  });
}

const sqlInRoutes = files
  .filter((f) => /\.routes\.ts$/.test(f))
  .map((f) => ({ file: path.relative(ROOT, f), uses: (fs.readFileSync(f, 'utf8').match(/\.kysely\b/g) ?? []).length }))
  .filter((f) => f.uses > 0);

const report = {
  files: files.length,
  moduleEdges: Object.fromEntries([...edges.entries()].sort()),
  crossModuleEdges: edges.size,
  mutualPairs: mutual,
  importsBypassingIndex: bypass.length,
  filesOver400Lines: longFiles,
  routeHandlersOver30Lines: longHandlers,
  apiRoutes: routes,
  apiRoutesWithResponseSchema: withResponseSchema,
  routesWithSql: sqlInRoutes,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`files: ${report.files}; module edges: ${report.crossModuleEdges}; imports bypassing index.ts: ${report.importsBypassingIndex}`);
  console.log(`mutual pairs (${mutual.length}): ${mutual.join(', ') || 'none'}`);
  console.log(`files over 400 lines (${longFiles.length}): ${longFiles.map((f) => `${f.file} ${f.lines}`).join(', ')}`);
  console.log(`route handlers over 30 lines (${longHandlers.length}): ${longHandlers.map((h) => `${h.file}:${h.line} ${h.lines}`).join(', ')}`);
  console.log(`API routes: ${routes}, with a response schema: ${withResponseSchema}`);
  console.log(`routes with SQL: ${sqlInRoutes.map((f) => `${f.file} ${f.uses}`).join(', ') || 'none'}`);
  console.log('edges:');
  for (const [k, v] of [...edges.entries()].sort()) console.log(`  ${k} ${v}`);
}
