// The architecture's limits as ratchets: test/architecture/baseline.json holds today's figures; a figure may fall,
// never rise. `npx tsx scripts/architecture-report.ts --baseline` writes the current figures into it.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, type ArchitectureReport } from './measure.js';

export const BASELINE_FILE = path.join(ROOT, 'test', 'architecture', 'baseline.json');

/** Lists: nothing may be added. Counts: may not grow. Every figure's target is zero (or empty). */
export interface Baseline {
  mutualPairs: string[];
  mutualPairsWithTypes: string[];
  layerViolations: number;
  importsBypassingIndex: number;
  filesInImportCycles: number;
  sqlUsesInRoutes: number;
  apiRoutesWithoutResponseSchema: number;
  filesOver400Lines: number;
  routeHandlersOver30Lines: number;
}

export function baselineOf(report: ArchitectureReport): Baseline {
  return {
    mutualPairs: report.mutualPairs,
    mutualPairsWithTypes: report.mutualPairsWithTypes,
    layerViolations: report.layerViolations.length,
    importsBypassingIndex: report.importsBypassingIndex.length,
    filesInImportCycles: report.importCycles.flat().length,
    sqlUsesInRoutes: report.routesWithSql.reduce((n, f) => n + f.uses, 0),
    apiRoutesWithoutResponseSchema: report.apiRoutesWithoutResponseSchema.length,
    filesOver400Lines: report.filesOver400Lines.length,
    routeHandlersOver30Lines: report.routeHandlersOver30Lines.length,
  };
}

export function readBaseline(): Baseline {
  const { about: _about, ...figures } = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8')) as Baseline & { about?: string };
  return figures;
}

export function writeBaseline(baseline: Baseline): void {
  const about = 'The architecture figures as they stand; test/architecture/limits.test.ts fails when one rises. Lower them with `npx tsx scripts/architecture-report.ts --baseline` when they fall.';
  fs.writeFileSync(BASELINE_FILE, `${JSON.stringify({ about, ...baseline }, null, 2)}\n`);
}

export interface Comparison {
  figure: keyof Baseline;
  /** What got worse (a figure rose, a list gained entries), or better. */
  worse: string | null;
  better: string | null;
}

/** Each figure against its baseline. */
export function compare(baseline: Baseline, now: Baseline): Comparison[] {
  return (Object.keys(baseline) as (keyof Baseline)[]).map((figure) => {
    const was = baseline[figure];
    const is = now[figure];
    if (Array.isArray(was) && Array.isArray(is)) {
      const added = is.filter((x) => !was.includes(x));
      const removed = was.filter((x) => !is.includes(x));
      return { figure, worse: added.length ? `new: ${added.join(', ')}` : null, better: removed.length ? `gone: ${removed.join(', ')}` : null };
    }
    const [a, b] = [Number(was), Number(is)];
    return { figure, worse: b > a ? `${a} → ${b}` : null, better: b < a ? `${a} → ${b}` : null };
  });
}
