// Measures the module borders of src/: which part imports which (run-time, type-only and dynamic imports apart),
// modules importing each other, layer violations of the infrastructure folders, imports that bypass a module's
// index.ts, files over 400 lines, route handlers over 30 lines, database access in routes, and the API routes whose
// success answers have a schema in /api/openapi.json (of an app built on an in-memory database).
// `npx tsx scripts/architecture-report.ts [--json] [--baseline]`; --baseline writes the ratchet figures of
// test/architecture/baseline.json. The figures go into the architecture ADR and closing notes.
import { baselineOf, BASELINE_FILE, writeBaseline } from './architecture/baseline.js';
import { measureArchitecture } from './architecture/measure.js';

const report = await measureArchitecture();

if (process.argv.includes('--baseline')) {
  writeBaseline(baselineOf(report));
  console.error(`wrote ${BASELINE_FILE}`);
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const list = (items: string[]) => items.join(', ') || 'none';
  console.log(`files: ${report.files}; edges between parts of src: ${report.crossAreaEdges}`);
  console.log(`mutual pairs of modules, run-time imports (${report.mutualPairs.length}): ${list(report.mutualPairs)}`);
  console.log(`mutual pairs of modules, type imports too (${report.mutualPairsWithTypes.length}): ${list(report.mutualPairsWithTypes)}`);
  console.log(`layer violations (${report.layerViolations.length}):${report.layerViolations.map((v) => `\n  ${v.rule}: ${v.file} -> ${v.target} (${v.kind})`).join('') || ' none'}`);
  console.log(`imports bypassing index.ts (${report.importsBypassingIndex.length}):${report.importsBypassingIndex.map((i) => `\n  ${i}`).join('') || ' none'}`);
  console.log(`files in import cycles (${report.importCycles.flat().length}):${report.importCycles.map((c) => `\n  ${c.join(' ')}`).join('') || ' none'}`);
  console.log(`files over 400 lines (${report.filesOver400Lines.length}): ${list(report.filesOver400Lines.map((f) => `${f.file} ${f.lines}`))}`);
  console.log(`route handlers: ${report.routeHandlers}; over 30 lines (${report.routeHandlersOver30Lines.length}): ${list(report.routeHandlersOver30Lines.map((h) => `${h.file}:${h.line} ${h.lines}`))}`);
  console.log(`API routes: ${report.apiRoutes}, with a response schema: ${report.apiRoutesWithResponseSchema}`);
  console.log(`routes with SQL (${report.routesWithSql.reduce((n, f) => n + f.uses, 0)} uses): ${list(report.routesWithSql.map((f) => `${f.file} ${f.uses}`))}`);
  console.log('edges (run-time / type-only / dynamic imports):');
  for (const [edge, c] of Object.entries(report.moduleEdges)) console.log(`  ${edge} ${c.runtime} / ${c.type} / ${c.dynamic}`);
}
