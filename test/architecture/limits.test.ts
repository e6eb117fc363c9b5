// The architecture's limits (docs/adr/0016) as ratchets: no modules importing each other, no layer violation, no
// import bypassing a module's index.ts, no import cycle, no SQL in routes, a response schema on every API route, no
// source file over 400 lines, no route handler over 30 lines. The figures are still coming down, so each is held to
// test/architecture/baseline.json: it may fall, never rise. When one falls, lower the baseline
// (`npx tsx scripts/architecture-report.ts --baseline`) so that it cannot rise again.
import { describe, expect, it } from 'vitest';
import { baselineOf, compare, readBaseline } from '../../scripts/architecture/baseline.js';
import { measureArchitecture, type ArchitectureReport } from '../../scripts/architecture/measure.js';

/** What stands behind a figure, to say which file made it worse. */
function details(report: ArchitectureReport, figure: string): string {
  switch (figure) {
    case 'layerViolations':
      return report.layerViolations.map((v) => `${v.rule}: ${v.file} -> ${v.target}`).join('\n');
    case 'importsBypassingIndex':
      return report.importsBypassingIndex.join('\n');
    case 'filesInImportCycles':
      return report.importCycles.map((c) => c.join(' ')).join('\n');
    case 'sqlUsesInRoutes':
      return report.routesWithSql.map((f) => `${f.file} ${f.uses}`).join('\n');
    case 'apiRoutesWithoutResponseSchema':
      return report.apiRoutesWithoutResponseSchema.join('\n');
    case 'filesOver400Lines':
      return report.filesOver400Lines.map((f) => `${f.file} ${f.lines}`).join('\n');
    case 'routeHandlersOver30Lines':
      return report.routeHandlersOver30Lines.map((h) => `${h.file}:${h.line} ${h.lines} lines`).join('\n');
    default:
      return '';
  }
}

describe('architecture limits, held to their baseline', () => {
  it('no figure is worse than test/architecture/baseline.json', async () => {
    const report = await measureArchitecture();
    const comparisons = compare(readBaseline(), baselineOf(report));
    const better = comparisons.filter((c) => c.better);
    if (better.length) {
      console.warn(
        `Architecture figures improved: ${better.map((c) => `${c.figure} ${c.better}`).join('; ')}.\n` +
          'Lower the baseline so they cannot rise again: npx tsx scripts/architecture-report.ts --baseline',
      );
    }
    const worse = comparisons.filter((c) => c.worse).map((c) => `${c.figure} ${c.worse}\n${details(report, c.figure)}`);
    expect(worse, `worse than test/architecture/baseline.json:\n${worse.join('\n\n')}`).toEqual([]);
  }, 60_000);
});
