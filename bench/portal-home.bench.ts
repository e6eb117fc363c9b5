// Portal home page under load, side by side with a bare node:http server answering the same bytes,
// plus the server's cold start (empty database: migrate + demo seed; existing database).
import fs from 'node:fs';
import path from 'node:path';
import type { Bench } from './lib/bench.js';
import { compareTargets, loadSettings, type LoadStats } from './lib/load.js';
import { startBare, startGongkai, tempDir, type Child } from './lib/processes.js';
import { rssMiB } from './lib/proc.js';
import { machine, table, writeResult } from './lib/report.js';

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

async function coldStarts(runs: number, log: (line: string) => void): Promise<{ dir: string; empty: number[]; existing: number[]; dirs: string[] }> {
  const empty: number[] = [];
  const existing: number[] = [];
  const dirs: string[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = tempDir('cold');
    dirs.push(dir);
    const server = await startGongkai(dir);
    empty.push(round1(server.startMs));
    await server.stop();
  }
  log(`  cold start, empty database (migrate + demo seed): ${empty.join(', ')} ms`);
  const dir = dirs[0]!;
  for (let i = 0; i < runs; i++) {
    const server = await startGongkai(dir);
    existing.push(round1(server.startMs));
    await server.stop();
  }
  log(`  cold start, existing database: ${existing.join(', ')} ms`);
  return { dir, empty, existing, dirs };
}

const bench: Bench = {
  name: 'portal-home',
  description: 'GET / (portal home, anonymous) vs a bare node:http server with the same body; server cold start',
  async run(log) {
    const settings = loadSettings();
    const coldRuns = Math.max(1, Math.min(10, Number(process.env.BENCH_COLD_RUNS ?? 3) || 3));
    const started: Child[] = [];
    const dirs: string[] = [];
    try {
      log(`settings: ${settings.connections} connections, ${settings.duration}s × ${settings.rounds} rounds per target (interleaved), ${settings.warmup}s warm-up discarded`);
      const cold = await coldStarts(coldRuns, log);
      dirs.push(...cold.dirs);

      const gongkai = await startGongkai(cold.dir);
      started.push(gongkai);
      const homeUrl = `${gongkai.url}/`;
      const res = await fetch(homeUrl);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`GET / answered ${res.status}, expected 200`);
      const contentType = res.headers.get('content-type') ?? '';
      if (!contentType.startsWith('text/html')) throw new Error(`GET / answered content-type ${contentType}`);
      const bodyDir = tempDir('body');
      dirs.push(bodyDir);
      const bodyFile = path.join(bodyDir, 'home.html');
      fs.writeFileSync(bodyFile, body);
      log(`  home page: ${body.length} bytes, ${contentType}`);

      const bare = await startBare(bodyFile);
      started.push(bare);

      const stats = await compareTargets({ bare: `${bare.url}/`, gongkai: homeUrl }, settings, log);
      const rss = rssMiB(gongkai.process.pid);
      const b = stats.bare!;
      const g = stats.gongkai!;
      const ratio = Math.round((g.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
      const ratioMet = ratio >= TARGET_RATIO;
      const p99Met = g.latencyMs.p99 <= TARGET_P99_MS;
      const clean = g.errors + g.timeouts + g.non2xx === 0;

      const row = (name: string, s: LoadStats, r: string): (string | number)[] => [
        name,
        s.requestsPerSecond,
        s.latencyMs.p50.toFixed(2),
        s.latencyMs.p95.toFixed(2),
        s.latencyMs.p99.toFixed(2),
        s.latencyMs.max.toFixed(1),
        `${s.errors + s.timeouts}/${s.non2xx}`,
        r,
      ];
      log('');
      log(`portal home — ${settings.connections} connections, ${settings.rounds}×${settings.duration}s per target, body ${body.length} B`);
      log(table(['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'err/non2xx', 'vs bare'], [row('bare node:http', b, '1.00×'), row('gongkai GET /', g, `${ratio.toFixed(2)}×`)]));
      log('');
      log(table(['cold start (spawn → first 200 /healthz)', 'median ms', 'runs ms'], [
        ['empty database (migrate + demo seed)', median(cold.empty).toFixed(0), cold.empty.map((x) => x.toFixed(0)).join(', ')],
        ['existing database', median(cold.existing).toFixed(0), cold.existing.map((x) => x.toFixed(0)).join(', ')],
      ]));
      log('');
      log(`target throughput ≥ ${TARGET_RATIO}× bare: ${ratioMet ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)}×)`);
      log(`target p99 ≤ ${TARGET_P99_MS} ms at ${settings.connections} connections: ${p99Met ? 'MET' : 'NOT MET'} (${g.latencyMs.p99.toFixed(2)} ms)`);
      if (!clean) log(`WARNING: gongkai had ${g.errors} errors, ${g.timeouts} timeouts, ${g.non2xx} non-2xx answers`);
      if (rss !== null) log(`gongkai RSS after load: ${rss} MiB`);

      const resultFile = writeResult('portal-home', {
        benchmark: 'portal-home',
        description: bench.description,
        machine: machine(),
        settings: {
          ...settings,
          loadGenerator: 'autocannon 8, in the bench process, same machine',
          latencyNote: 'percentiles over every response time recorded by the bench (sub-ms), all rounds pooled',
          server: 'node bin/gongkai.js serve --seed-demo (SQLite, LOG_LEVEL=warn, RATE_LIMIT_PER_MINUTE=100000000, no REDIS_URL)',
          baseline: 'bench/bare-server.mjs: node:http answering the same body bytes with content-type text/html',
        },
        corpus: { page: '/', bodyBytes: body.length, contentType, data: 'demo seed' },
        results: { bare: b, gongkai: g },
        ratio: { throughputGongkaiOverBare: ratio },
        coldStartMs: {
          emptyDatabase: { median: median(cold.empty), runs: cold.empty },
          existingDatabase: { median: median(cold.existing), runs: cold.existing },
          measured: 'spawn of node bin/gongkai.js serve --seed-demo → first 200 from GET /healthz (5 ms polling)',
        },
        gongkaiRssMiBAfterLoad: rss,
        targets: {
          throughputRatio: { target: `>= ${TARGET_RATIO}`, value: ratio, met: ratioMet },
          p99Ms: { target: `<= ${TARGET_P99_MS}`, value: g.latencyMs.p99, met: p99Met },
          noErrors: { met: clean },
        },
      });
      return { targetsMet: ratioMet && p99Met && clean, resultFile };
    } finally {
      for (const child of started.reverse()) await child.stop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
