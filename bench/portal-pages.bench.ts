// Public item page and category pages under load, each side by side with a bare node:http server answering a
// body of the same bytes, all rounds interleaved in one run (docs/engineering.md §6: ≥ 0.6× bare, p99 ≤ 10 ms).
import fs from 'node:fs';
import path from 'node:path';
import type { Bench } from './lib/bench.js';
import { compareTargets, loadSettings, type LoadStats } from './lib/load.js';
import { startBare, startGongkai, tempDir, type Child } from './lib/processes.js';
import { rssMiB } from './lib/proc.js';
import { machine, table, writeResult } from './lib/report.js';

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 10;
const ORG = 'jiangchuan';

interface Page {
  key: string;
  label: string;
  path: string;
  bodyBytes: number;
  contentType: string;
  bare: Child;
}

interface PageOutcome {
  page: string;
  bodyBytes: number;
  contentType: string;
  bare: LoadStats;
  gongkai: LoadStats;
  ratio: number;
  targets: {
    throughputRatio: { target: string; value: number; met: boolean };
    p99Ms: { target: string; value: number; met: boolean };
    noErrors: { met: boolean };
  };
}

async function fetchPage(url: string): Promise<{ body: Buffer; contentType: string }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}, expected 200`);
  const contentType = res.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/html')) throw new Error(`GET ${url} answered content-type ${contentType}`);
  return { body, contentType };
}

const bench: Bench = {
  name: 'portal-pages',
  description: `GET /items/{id} and GET /catalog/02, /catalog/02.01 (anonymous, demo agency ${ORG}) vs bare node:http servers with the same bodies`,
  async run(log) {
    const settings = loadSettings();
    const started: Child[] = [];
    const dirs: string[] = [];
    try {
      log(`settings: ${settings.connections} connections, ${settings.duration}s × ${settings.rounds} rounds per target (interleaved), ${settings.warmup}s warm-up discarded`);
      const dataDir = tempDir('pages');
      dirs.push(dataDir);
      const gongkai = await startGongkai(dataDir);
      started.push(gongkai);
      log(`  gongkai up in ${gongkai.startMs.toFixed(0)} ms (empty database: migrate + demo seed)`);

      const listRes = await fetch(`${gongkai.url}/api/v1/items?org=${ORG}&pageSize=1`);
      if (listRes.status !== 200) throw new Error(`GET /api/v1/items?org=${ORG} answered ${listRes.status}`);
      const list = (await listRes.json()) as { total?: number; items?: { id?: string; title?: string }[] };
      const itemId = list.items?.[0]?.id;
      const itemTitle = list.items?.[0]?.title ?? null;
      if (!itemId) throw new Error(`the demo agency ${ORG} has no published item (GET /api/v1/items answered ${JSON.stringify(list).slice(0, 200)})`);
      const publishedItems = list.total ?? null;
      log(`  demo agency ${ORG}: ${publishedItems ?? '?'} published items; item page of ${itemId} (${itemTitle ?? '?'})`);

      const bodyDir = tempDir('body');
      dirs.push(bodyDir);
      const wanted: { key: string; label: string; path: string }[] = [
        { key: 'item', label: 'item page', path: `/items/${itemId}` },
        { key: 'category', label: 'category 02', path: '/catalog/02' },
        { key: 'subcategory', label: 'category 02.01', path: '/catalog/02.01' },
      ];
      const pages: Page[] = [];
      for (const w of wanted) {
        const { body, contentType } = await fetchPage(`${gongkai.url}${w.path}`);
        const bodyFile = path.join(bodyDir, `${w.key}.html`);
        fs.writeFileSync(bodyFile, body);
        const bare = await startBare(bodyFile);
        started.push(bare);
        pages.push({ ...w, bodyBytes: body.length, contentType, bare });
        log(`  ${w.path}: ${body.length} bytes, ${contentType}`);
      }

      // bare-item, item, bare-category, category, … in every round: drift hits each pair alike.
      const targets: Record<string, string> = {};
      for (const p of pages) {
        targets[`bare ${p.key}`] = `${p.bare.url}${p.path}`;
        targets[`gongkai ${p.key}`] = `${gongkai.url}${p.path}`;
      }
      const stats = await compareTargets(targets, settings, log);
      const rss = rssMiB(gongkai.process.pid);

      const outcomes: Record<string, PageOutcome> = {};
      const rows: (string | number)[][] = [];
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
      for (const p of pages) {
        const b = stats[`bare ${p.key}`]!;
        const g = stats[`gongkai ${p.key}`]!;
        const ratio = Math.round((g.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
        outcomes[p.key] = {
          page: p.path,
          bodyBytes: p.bodyBytes,
          contentType: p.contentType,
          bare: b,
          gongkai: g,
          ratio,
          targets: {
            throughputRatio: { target: `>= ${TARGET_RATIO}`, value: ratio, met: ratio >= TARGET_RATIO },
            p99Ms: { target: `<= ${TARGET_P99_MS}`, value: g.latencyMs.p99, met: g.latencyMs.p99 <= TARGET_P99_MS },
            noErrors: { met: g.errors + g.timeouts + g.non2xx === 0 },
          },
        };
        rows.push(row(`bare node:http (${p.bodyBytes} B)`, b, '1.00×'));
        rows.push(row(`gongkai ${p.label}`, g, `${ratio.toFixed(2)}×`));
      }

      log('');
      log(`portal pages — ${settings.connections} connections, ${settings.rounds}×${settings.duration}s per target, interleaved`);
      log(table(['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'err/non2xx', 'vs bare'], rows));
      log('');
      let allMet = true;
      for (const p of pages) {
        const o = outcomes[p.key]!;
        const t = o.targets;
        allMet &&= t.throughputRatio.met && t.p99Ms.met && t.noErrors.met;
        log(
          `${p.label} (${p.path}): throughput ≥ ${TARGET_RATIO}× bare ${t.throughputRatio.met ? 'MET' : 'NOT MET'} (${o.ratio.toFixed(2)}×); ` +
            `p99 ≤ ${TARGET_P99_MS} ms ${t.p99Ms.met ? 'MET' : 'NOT MET'} (${o.gongkai.latencyMs.p99.toFixed(2)} ms)` +
            (t.noErrors.met ? '' : `; WARNING: ${o.gongkai.errors} errors, ${o.gongkai.timeouts} timeouts, ${o.gongkai.non2xx} non-2xx`),
        );
      }
      if (rss !== null) log(`gongkai RSS after load: ${rss} MiB`);
      log('the machine may be busy with other work: absolute req/s vary between runs; the ratio to the bare server in the same run is the number to trust');

      const resultFile = writeResult('portal-pages', {
        benchmark: 'portal-pages',
        description: bench.description,
        machine: machine(),
        settings: {
          ...settings,
          order: 'per round: bare item, gongkai item, bare category, gongkai category, bare subcategory, gongkai subcategory',
          loadGenerator: 'autocannon 8, in the bench process, same machine',
          latencyNote: 'percentiles over every response time recorded by the bench (sub-ms), all rounds pooled',
          server: 'node bin/gongkai.js serve --seed-demo (SQLite, LOG_LEVEL=warn, RATE_LIMIT_PER_MINUTE=100000000, no REDIS_URL)',
          baseline: 'bench/bare-server.mjs, one per page: node:http answering that page\'s body bytes with content-type text/html',
        },
        corpus: { data: 'demo seed', agency: ORG, publishedItems, itemId, itemTitle },
        results: outcomes,
        gongkaiRssMiBAfterLoad: rss,
        targetsMet: allMet,
      });
      return { targetsMet: allMet, resultFile };
    } finally {
      for (const child of started.reverse()) await child.stop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
