// What a benchmark file (bench/*.bench.ts) exports by default.
export interface Bench {
  name: string;
  description: string;
  /** Prints its table, writes bench/results/<name>.json; `targetsMet` is false when an ENGINEERING §6 target is missed. */
  run(log: (line: string) => void): Promise<{ targetsMet: boolean; resultFile: string }>;
}
