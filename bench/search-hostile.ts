// What one hostile search costs the event loop (`npx tsx bench/search-hostile.ts [laws]`): the demo corpus, plus
// the first `laws` documents of the laws corpus of docs/engineering.md §7 (default 0), on a fresh SQLite file. Every query runs through
// the HTTP API (app.inject) as a citizen's would: once alone (its wall time is event-loop time — better-sqlite3 is
// synchronous), then 10 in parallel beside a /healthz request, whose wait is what every other client waits.
// SEARCH_HOSTILE_DB=postgres uses TEST_DATABASE_URL instead (the loop then waits less: the database works apart).
import { cliActor } from '../src/modules/audit/audit.js';
import { importDocuments } from '../src/modules/publishing/import.commands.js';
import { parseCorpus } from '../test/relevance/corpus.js';
import { startTestApp } from '../test/support/app.js';
import { testDatabases } from '../test/support/databases.js';

const QUERIES: Record<string, string> = {
  '200 × 的': '的'.repeat(200),
  '100 × 的 的 (spaced)': Array(100).fill('的').join(' '),
  '66 × 中华人民': '中华人民'.repeat(50),
  '200 distinct chars': Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + i * 37)).join(''),
  '40 × "a" OR b': Array.from({ length: 40 }, (_, i) => `"${'条例'.repeat(2)}${i}" OR 法`).join(' ').slice(0, 200),
  'ordinary: 行政处罚': '行政处罚',
};

const laws = Number(process.argv[2] ?? 0);
const database = testDatabases().find((d) => d.name === (process.env.SEARCH_HOSTILE_DB ?? 'sqlite'))!;
const t = await startTestApp(database, { demo: true, demoDocuments: true });
if (laws > 0) {
  const documents = parseCorpus().slice(0, laws);
  await importDocuments({ ctx: t.ctx, principal: null, actor: { ...cliActor(), name: 'bench:hostile' } }, documents, { orgCode: 'jc-office', category: '02.01', publish: true });
}
const docs = await t.db.kysely.selectFrom('search_documents').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
console.log(`${database.name}: ${docs.n} documents indexed (demo + ${laws} laws)`);

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` } });
const searchUrl = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;

for (const [name, q] of Object.entries(QUERIES)) {
  await get(searchUrl(q)); // warm the caches
  const started = performance.now();
  const one = await get(searchUrl(q));
  const alone = performance.now() - started;
  const body = one.json<{ total?: number; ignored?: string[]; error?: { message: string } }>();

  // The longest the loop went without running a 5 ms timer: what any other request waited at worst.
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  // /healthz asked 20 ms after the searches: how long it waits from then (the timer itself waits for the loop).
  let healthz = 0;
  const probe = (async () => {
    await new Promise((r) => setTimeout(r, 20));
    await get('/healthz');
    healthz = performance.now() - (t0 + 20);
  })();
  await Promise.all([...Array.from({ length: 10 }, () => get(searchUrl(q))), probe]);
  const parallel = performance.now() - t0;
  clearInterval(ticker);
  const page = await get(`/sites/jiangchuan/search?q=${encodeURIComponent(q)}`);
  const suggest = await get(`/api/v1/search/suggest?q=${encodeURIComponent(q.slice(0, 50))}`);
  console.log(
    `${name.padEnd(22)} ${String(one.statusCode)} ${body.error ? `refused: ${body.error.message}` : `${body.total} hits${body.ignored?.length ? `, ${body.ignored.length} words ignored` : ""}`}` +
      ` | alone ${alone.toFixed(0)} ms | 10 parallel ${parallel.toFixed(0)} ms, /healthz waited ${healthz.toFixed(0)} ms, longest loop stall ${maxGap.toFixed(0)} ms` +
      ` | portal ${page.statusCode} | suggest ${suggest.statusCode}`,
  );
}
await t.close();
