// HTTP load with autocannon (programmatic API). Latency percentiles are computed here from every response's
// own time (sub-millisecond, all statuses), because autocannon's histogram has 1 ms steps and no p95.
import autocannon, { type Result } from 'autocannon';

export interface LoadSettings {
  connections: number;
  /** Seconds of each measured run. */
  duration: number;
  /** Seconds of the discarded warm-up run per target. */
  warmup: number;
  /** Measured runs per target, interleaved across targets (A, B, A, B…). */
  rounds: number;
}

export function loadSettings(): LoadSettings {
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number in [${min}, ${max}], got ${raw}`);
    return n;
  };
  return {
    connections: Math.round(num('BENCH_CONNECTIONS', 32, 1, 1000)),
    duration: num('BENCH_DURATION', 10, 1, 600),
    warmup: num('BENCH_WARMUP', 2, 0, 60),
    rounds: Math.round(num('BENCH_ROUNDS', 2, 1, 20)),
  };
}

export interface RunSample {
  seconds: number;
  requests: number;
  /** Response times in ms, every response. */
  latencies: Float64Array;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytes: number;
}

export async function runLoad(url: string, connections: number, duration: number): Promise<RunSample> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let non2xx = 0;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, timeout: 10 }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
  return {
    seconds: result.duration,
    requests: count,
    latencies: latencies.slice(0, count),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: Math.max(non2xx, result.non2xx),
    bytes: result.throughput.total,
  };
}

export interface LoadStats {
  rounds: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Requests/s of each measured run, in order. */
  perRound: number[];
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

export function combine(samples: RunSample[]): LoadStats {
  const total = samples.reduce((n, s) => n + s.latencies.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const s of samples) {
    all.set(s.latencies, offset);
    offset += s.latencies.length;
  }
  all.sort();
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    rounds: samples.length,
    seconds: round3(seconds),
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    perRound: samples.map((s) => Math.round(s.requests / s.seconds)),
    latencyMs: {
      p50: round3(percentile(all, 50)),
      p95: round3(percentile(all, 95)),
      p99: round3(percentile(all, 99)),
      max: round3(all[all.length - 1] ?? NaN),
      mean: round3(all.reduce((a, b) => a + b, 0) / (all.length || 1)),
    },
    errors: samples.reduce((n, s) => n + s.errors, 0),
    timeouts: samples.reduce((n, s) => n + s.timeouts, 0),
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
    bytesPerResponse: requests ? Math.round(samples.reduce((n, s) => n + s.bytes, 0) / requests) : 0,
  };
}

/**
 * Warms each target up (discarded), then runs `rounds` measured runs per target, interleaved, so drift in a
 * noisy machine hits every target alike.
 */
export async function compareTargets(targets: Record<string, string>, settings: LoadSettings, log: (line: string) => void): Promise<Record<string, LoadStats>> {
  const names = Object.keys(targets);
  if (settings.warmup > 0) {
    for (const name of names) {
      log(`  warm-up ${name} ${settings.warmup}s`);
      await runLoad(targets[name]!, settings.connections, settings.warmup);
    }
  }
  const samples: Record<string, RunSample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const name of names) {
      const sample = await runLoad(targets[name]!, settings.connections, settings.duration);
      log(`  round ${round}/${settings.rounds} ${name}: ${Math.round(sample.requests / sample.seconds)} req/s`);
      samples[name]!.push(sample);
    }
  }
  return Object.fromEntries(names.map((n) => [n, combine(samples[n]!)]));
}
