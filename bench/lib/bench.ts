// What a benchmark file (bench/*.bench.ts) exports by default.
export interface Bench {
  name: string;
  description: string;
  /**
   * Prints its table, writes bench/results/<name>.json; `targetsMet` is false when a docs/engineering.md §6 target is missed.
   * `resultFile` is null when the benchmark skipped itself (what it needs is missing; it said why) and wrote nothing.
   */
  run(log: (line: string) => void): Promise<{ targetsMet: boolean; resultFile: string | null }>;
}
