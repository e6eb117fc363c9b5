// Citizens' message submission under load (docs/engineering.md §6: "200 concurrent citizens submitting messages with
// nothing lost"): POST /api/v1/messages from 200 connections for 30 s against the real server (`gongkai serve
// --seed-demo`, demo agency jiangchuan), on a fresh SQLite file and on a fresh PostgreSQL database, each beside
// the bare node:http server answering the bytes of a real 201 (the first message's) to the same POSTs, measured
// just before it in the same run. Every request is a distinct message: a unique token in its title and content,
// its own contact. The bench keeps every answer; after the load the server is stopped and the database is read:
// - every 201's tracking code is a stored message, and the message stored under that code is the one that request
//   sent (its token);
// - every stored message had its 201 — apart from requests whose client was gone, which the server may still have
//   stored with nobody to read the answer (counted apart): in flight when the load generator hung up at the end of
//   a run, or given up after the timeout — and no request is stored twice; no other row appeared;
// - each stored message has its 'submitted' history event, its open deadline with the same due date and its
//   message.submit audit record, and `gongkai audit verify` holds over the whole chain afterwards;
// - no errors, no timeouts, and every answer was a 201.
// Anything lost, duplicated, half-stored or refused fails the bench (exit 2), after the result file is written.
//
// This measures throughput, not the abuse limits: all 200 citizens come from 127.0.0.1, so the limits are lifted
// (MESSAGE_LIMIT_PER_HOUR and MESSAGE_LIMIT_PER_CONTACT 1e9, CHALLENGE_AFTER=0 — no challenge, RATE_LIMIT_PER_MINUTE
// 1e8); they are still counted on every request. Attachments are not sent (JSON bodies), and 纠错 (correction) is
// left out because it must name a published item; the other four types take turns.
//
// During the measured run two probes time the server every 250 ms — a request that needs no database and
// GET /healthz — and the result keeps the run second by second (answers, timeouts, slowest answer, probes).
//
// BENCH_MESSAGES_CONNECTIONS (200), BENCH_MESSAGES_DURATION (30 s), BENCH_MESSAGES_WARMUP (3 s, discarded from
// the figures, verified like the rest), BENCH_MESSAGES_TIMEOUT (10 s), BENCH_MESSAGES_ENGINES=sqlite,postgres,
// BENCH_POSTGRES_URL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import { openDatabase } from '../src/db/database.js';
import type { Bench } from './lib/bench.js';
import { combine, type LoadStats, type RunSample } from './lib/load.js';
import { rssMiB } from './lib/proc.js';
import { freePort, gongkaiEnv, ROOT, spawnNode, startBare, tempDir, waitHealthy, type Child } from './lib/processes.js';
import { machine, table, writeResult } from './lib/report.js';
import { databaseUrl, postgresVersion, withScratchDatabase } from './lib/postgres.js';

const ORG = 'jiangchuan';
const PATH = '/api/v1/messages';
const TYPES = ['consultation', 'suggestion', 'problem', 'complaint'] as const;
/** Seconds autocannon waits for an answer before it counts a timeout and reconnects (BENCH_MESSAGES_TIMEOUT). */
const TIMEOUT_S = setting('BENCH_MESSAGES_TIMEOUT', 10, 1, 120);
/** Seeding the demo agency (30 laws, search index) on a busy machine, PostgreSQL included. */
const START_TIMEOUT_MS = 180_000;
const LIFTED = { MESSAGE_LIMIT_PER_HOUR: '1000000000', MESSAGE_LIMIT_PER_CONTACT: '1000000000', CHALLENGE_AFTER: '0', RATE_LIMIT_PER_MINUTE: '100000000' };

type Engine = 'sqlite' | 'postgres';

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number in [${min}, ${max}], got ${raw}`);
  return n;
}

// ---- the messages ----

const RUN = randomBytes(3).toString('hex');
const TOKEN = new RegExp(`BENCH-${RUN}-\\d+`);
let counter = 0;

const SUBJECTS = ['小区夜间施工噪声扰民', '老旧小区加装电梯补贴', '公交线路调整', '学校周边交通安全', '农村饮用水水质', '社区养老服务', '道路积水', '政府信息公开申请办理进度'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];

/** The n-th message: a unique token in the title, its own contact; about 600 bytes of JSON like a real one. */
function message(n: number): { token: string; body: string } {
  const token = `BENCH-${RUN}-${n}`;
  const subject = SUBJECTS[n % SUBJECTS.length]!;
  const type = TYPES[n % TYPES.length]!;
  const contact = n % 2 === 0 ? `citizen${n}@example.cn` : `139${String(n % 1e8).padStart(8, '0')}`;
  return {
    token,
    body: JSON.stringify({
      org: ORG,
      type,
      title: `关于${subject}的留言（${token}）`,
      content:
        `您好！我是江川区居民，想反映${subject}的情况。近一个月来这一问题反复出现，给周边居民的生活带来不便，` +
        `曾向社区反映但尚未解决。请问主管部门是否掌握相关情况，下一步将如何处理？希望能够尽快答复，谢谢！编号 ${token}`,
      name: NAMES[n % NAMES.length]!,
      contact,
      public: n % 3 === 0,
    }),
  };
}

// ---- load ----

interface Answer {
  status: number;
  trackingCode: string | null;
}

/** What one server was sent and answered, over all its runs (warm-up included). */
class Ledger {
  /** Tokens of requests built (handed to the connection; the last one per connection may never have gone out). */
  readonly built = new Set<string>();
  readonly answers = new Map<string, Answer>();
  /** Unanswered at the end of their run although sent at least the timeout before it: the client gave up. */
  readonly timedOut = new Set<string>();
  /** Unanswered at the end of their run, built within the timeout before it: cut off when autocannon stopped. */
  readonly cutAtStop = new Set<string>();
  /** Answers that came back twice for one token, or whose body was not the documented 201. */
  readonly anomalies: string[] = [];
}

/** One second of a run: answers, timeouts, the slowest answer, and the probes' slowest answers in that second. */
interface Second {
  s: number;
  answered: number;
  timeouts: number;
  maxLatencyMs: number;
  /** GET /api/v1/<unknown> (404, no database): how long the server's event loop took to answer. */
  probeNoDbMaxMs: number | null;
  /** GET /healthz (one SELECT through the same database connection or pool as the messages). */
  probeDbMaxMs: number | null;
}

interface ProbeStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface LoadRun {
  sample: RunSample;
  statuses: Record<string, number>;
  built: number;
  answered: number;
  /** Built in this run, never answered, sent at least the timeout before the end: the client gave up. */
  timedOut: number;
  /** Built in this run within the timeout before its end, never answered: cut off by the stop. */
  cutAtStop: number;
  /** CPU seconds the server process used during the run (Linux /proc), or null. */
  serverCpuSeconds: number | null;
  timeline: Second[];
  probes: { noDb: ProbeStats; db: ProbeStats } | null;
}

function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; USER_HZ is 100 on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function probeStats(xs: number[]): ProbeStats {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: r(at(50)), p99: r(at(99)), max: r(sorted[sorted.length - 1] ?? NaN) };
}

/**
 * Every 250 ms, one request that needs no database and one that does, each on its own connection, timed: where a
 * request waits while the messages are served — in the event loop, or for the database.
 */
function startProbes(base: string, t0: number): { stop(): Promise<{ noDb: { at: number; ms: number }[]; db: { at: number; ms: number }[] }> } {
  const noDb: { at: number; ms: number }[] = [];
  const db: { at: number; ms: number }[] = [];
  let running = true;
  const loop = async (url: string, out: { at: number; ms: number }[]) => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        out.push({ at: t - t0, ms: performance.now() - t });
      } catch {
        out.push({ at: t - t0, ms: Infinity });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const loops = [loop(`${base}/api/v1/bench-probe-unknown`, noDb), loop(`${base}/healthz`, db)];
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { noDb, db };
    },
  };
}

/**
 * POSTs distinct messages from `connections` connections for `duration` seconds. With a ledger, every request's
 * token is recorded when built and its answer (status, tracking code) when it comes back; `probe` times the server
 * from the side during the run.
 */
async function postLoad(url: string, connections: number, duration: number, ledger: Ledger | null, serverPid: number | undefined, probe = false): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let non2xx = 0;
  let built = 0;
  let answered = 0;
  const statuses: Record<string, number> = {};
  const builtAt = new Map<string, number>();
  const seconds: Second[] = [];
  const t0 = performance.now();
  const second = (at: number): Second => {
    const i = Math.max(0, Math.floor((at - t0) / 1000));
    for (let k = seconds.length; k <= i; k++) seconds.push({ s: k, answered: 0, timeouts: 0, maxLatencyMs: 0, probeNoDbMaxMs: null, probeDbMaxMs: null });
    return seconds[i]!;
  };
  const request: Request = {
    method: 'POST',
    path: PATH,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req, context) => {
      const m = message(++counter);
      context.token = m.token;
      built++;
      if (ledger) {
        ledger.built.add(m.token);
        builtAt.set(m.token, performance.now());
      }
      return { ...req, body: m.body };
    },
    onResponse: (status, body, context) => {
      answered++;
      if (!ledger) return;
      const token = typeof context.token === 'string' ? context.token : '';
      let trackingCode: string | null = null;
      if (status === 201) {
        try {
          const parsed = JSON.parse(body) as { trackingCode?: unknown; state?: unknown };
          if (typeof parsed.trackingCode === 'string' && parsed.state === 'received') trackingCode = parsed.trackingCode;
        } catch {
          // counted below
        }
        if (trackingCode === null) ledger.anomalies.push(`${token}: 201 without {trackingCode, state: 'received'}: ${body.slice(0, 200)}`);
      }
      if (ledger.answers.has(token)) ledger.anomalies.push(`${token}: answered twice`);
      ledger.answers.set(token, { status, trackingCode });
    },
  };
  const cpuBefore = cpuSeconds(serverPid);
  const probes = probe ? startProbes(url, t0) : null;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, timeout: TIMEOUT_S, requests: [request] }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) non2xx++;
      const sec = second(performance.now());
      sec.answered++;
      sec.maxLatencyMs = Math.max(sec.maxLatencyMs, Math.round(responseTime));
    });
    instance.on('reqError', (err) => {
      if (err.message === 'request timed out') second(performance.now()).timeouts++;
    });
  });
  const ended = performance.now();
  const cpuAfter = cpuSeconds(serverPid);
  const probed = probes ? await probes.stop() : null;
  if (probed) {
    for (const p of probed.noDb) if (p.at < ended - t0) second(t0 + p.at).probeNoDbMaxMs = Math.max(second(t0 + p.at).probeNoDbMaxMs ?? 0, Math.round(p.ms));
    for (const p of probed.db) if (p.at < ended - t0) second(t0 + p.at).probeDbMaxMs = Math.max(second(t0 + p.at).probeDbMaxMs ?? 0, Math.round(p.ms));
  }
  let timedOut = 0;
  let cutAtStop = 0;
  if (ledger) {
    for (const [token, at] of builtAt) {
      if (ledger.answers.has(token)) continue;
      if (ended - at >= TIMEOUT_S * 1000) {
        ledger.timedOut.add(token);
        timedOut++;
      } else {
        ledger.cutAtStop.add(token);
        cutAtStop++;
      }
    }
  }
  return {
    sample: {
      seconds: result.duration,
      requests: count,
      latencies: latencies.slice(0, count),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: Math.max(non2xx, result.non2xx),
      bytes: result.throughput.total,
    },
    statuses,
    built,
    answered,
    timedOut,
    cutAtStop,
    serverCpuSeconds: cpuBefore !== null && cpuAfter !== null ? Math.round((cpuAfter - cpuBefore) * 100) / 100 : null,
    timeline: seconds,
    probes: probed ? { noDb: probeStats(probed.noDb.map((p) => p.ms)), db: probeStats(probed.db.map((p) => p.ms)) } : null,
  };
}

// ---- servers and databases ----

async function startServer(env: NodeJS.ProcessEnv): Promise<Child & { startMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode([path.join(ROOT, 'bin/gongkai.js'), 'serve', '--seed-demo', '--port', String(port)], { ...env, PORT: String(port) }, port);
  try {
    return { ...child, startMs: await waitHealthy(child, t0, START_TIMEOUT_MS) };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

/** `gongkai audit verify` on the database in `env`: the number of records of an intact chain, or why not. */
async function auditVerify(env: NodeJS.ProcessEnv): Promise<{ ok: boolean; records: number | null; output: string; ms: number }> {
  const t0 = performance.now();
  const child = spawnNode([path.join(ROOT, 'bin/gongkai.js'), 'audit', 'verify'], env, 0);
  let output = '';
  child.process.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.process.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 300_000);
  const code = await new Promise<number | null>((resolve) => child.process.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  await child.stop();
  const records = /ok (\d+) records/.exec(output);
  return { ok: code === 0 && records !== null, records: records ? Number(records[1]) : null, output: output.trim().slice(-500), ms: Math.round(performance.now() - t0) };
}

// ---- the proof ----

interface Proof {
  requestsBuilt: number;
  answered: number;
  answered201: number;
  answeredOther: number;
  /** Built, never answered: the client gave up after the timeout, or the request was in flight when a run ended. */
  unanswered: number;
  unansweredTimedOut: number;
  unansweredCutAtStop: number;
  storedMessages: number;
  storedWith201: number;
  /** Stored messages whose request was in flight at the end of a run (nobody read their 201). */
  storedInFlightAtStop: number;
  /** Stored messages whose client gave up waiting (timeout): stored, but the citizen never got the tracking code. */
  storedAfterTimeout: number;
  distinctTrackingCodesIn201s: number;
  auditMessageSubmitRecords: number;
  auditVerify: { ok: boolean; records: number | null; seconds: number };
  /** Each a reason the bench fails; empty when nothing was lost. */
  failures: string[];
  failureCount: number;
}

/** Reads the stopped server's database and holds it against the ledger. */
async function prove(url: string, ledger: Ledger, before: Set<string>, audit: Awaited<ReturnType<typeof auditVerify>>): Promise<Proof> {
  const failures: string[] = [...ledger.anomalies];
  const db = openDatabase(url);
  try {
    const q = db.kysely;
    const messages = await q.selectFrom('messages').select(['id', 'tracking_code', 'title', 'state', 'due_date', 'deadline_id', 'agency_id']).execute();
    const events = await q.selectFrom('message_events').select(['message_id', 'seq', 'type']).execute();
    const deadlines = await q.selectFrom('deadlines').select(['id', 'subject_id', 'due_date', 'state']).where('subject_type', '=', 'message').execute();
    const audits = await q.selectFrom('audit_log').select(['object_id']).where('action', '=', 'message.submit').execute();
    const agency = await q.selectFrom('organisations').select('id').where('code', '=', ORG).executeTakeFirstOrThrow();

    const eventsOf = new Map<string, { seq: number; type: string }[]>();
    for (const e of events) eventsOf.set(e.message_id, [...(eventsOf.get(e.message_id) ?? []), e]);
    const deadlineById = new Map(deadlines.map((d) => [d.id, d]));
    const auditCount = new Map<string, number>();
    for (const a of audits) if (a.object_id) auditCount.set(a.object_id, (auditCount.get(a.object_id) ?? 0) + 1);

    const byToken = new Map<string, (typeof messages)[number]>();
    const byCode = new Map<string, (typeof messages)[number]>();
    let storedWith201 = 0;
    let storedInFlightAtStop = 0;
    let storedAfterTimeout = 0;
    let benchRows = 0;
    for (const m of messages) {
      if (byCode.has(m.tracking_code)) failures.push(`tracking code ${m.tracking_code} stored twice`);
      byCode.set(m.tracking_code, m);
      const token = TOKEN.exec(m.title)?.[0];
      if (!token) {
        if (!before.has(m.id)) failures.push(`extra row: message ${m.id} (${m.title.slice(0, 60)}) was not sent by this bench and was not there before`);
        continue;
      }
      benchRows++;
      if (byToken.has(token)) failures.push(`${token}: stored twice (${byToken.get(token)!.tracking_code}, ${m.tracking_code})`);
      byToken.set(token, m);
      const answer = ledger.answers.get(token);
      if (!ledger.built.has(token)) failures.push(`${token}: stored but never sent`);
      else if (!answer && ledger.timedOut.has(token)) storedAfterTimeout++;
      else if (!answer) storedInFlightAtStop++;
      else if (answer.status !== 201) failures.push(`${token}: answered ${answer.status} but stored as ${m.tracking_code}`);
      else if (answer.trackingCode !== m.tracking_code) failures.push(`${token}: answered ${answer.trackingCode} but stored as ${m.tracking_code}`);
      else storedWith201++;
      // Stored whole: state, agency, history event, deadline, audit record.
      if (m.state !== 'received' || m.agency_id !== agency.id) failures.push(`${token}: stored with state ${m.state}, agency ${m.agency_id}`);
      const evs = eventsOf.get(m.id) ?? [];
      if (evs.length !== 1 || evs[0]!.type !== 'submitted' || evs[0]!.seq !== 1) failures.push(`${token}: history ${JSON.stringify(evs)} instead of one 'submitted' event`);
      const d = m.deadline_id ? deadlineById.get(m.deadline_id) : undefined;
      if (!d || d.subject_id !== m.id || d.state !== 'open' || !m.due_date || d.due_date !== m.due_date) failures.push(`${token}: deadline ${JSON.stringify(d ?? null)} does not match the message's due date ${m.due_date}`);
      if (auditCount.get(m.id) !== 1) failures.push(`${token}: ${auditCount.get(m.id) ?? 0} message.submit audit records`);
    }
    const ids = new Set(messages.map((m) => m.id));
    for (const id of before) if (!ids.has(id)) failures.push(`message ${id}, there before the load, is gone`);
    const benchIds = new Set([...byToken.values()].map((m) => m.id));

    let answered201 = 0;
    const codes = new Set<string>();
    for (const [token, answer] of ledger.answers) {
      if (answer.status !== 201) continue;
      answered201++;
      if (answer.trackingCode) {
        if (codes.has(answer.trackingCode)) failures.push(`tracking code ${answer.trackingCode} answered twice`);
        codes.add(answer.trackingCode);
      }
      if (!byToken.has(token)) failures.push(`LOST: ${token} was answered 201 ${answer.trackingCode} but is not stored`);
      if (answer.trackingCode && !byCode.has(answer.trackingCode)) failures.push(`LOST: tracking code ${answer.trackingCode} (${token}) is not in the database`);
    }
    const answeredOther = ledger.answers.size - answered201;
    if (answeredOther > 0) failures.push(`${answeredOther} answers were not 201`);
    if (storedWith201 !== answered201) failures.push(`${answered201} answers 201 but ${storedWith201} of them stored with their tracking code`);
    if (benchRows !== storedWith201 + storedInFlightAtStop + storedAfterTimeout) {
      failures.push(`${benchRows} stored messages of this bench, ${storedWith201} with their 201, ${storedInFlightAtStop} in flight at a stop, ${storedAfterTimeout} after a timeout`);
    }
    if (!audit.ok) failures.push(`gongkai audit verify failed: ${audit.output}`);
    return {
      requestsBuilt: ledger.built.size,
      answered: ledger.answers.size,
      answered201,
      answeredOther,
      unanswered: ledger.built.size - ledger.answers.size,
      unansweredTimedOut: ledger.timedOut.size,
      unansweredCutAtStop: ledger.cutAtStop.size,
      storedMessages: benchRows,
      storedWith201,
      storedInFlightAtStop,
      storedAfterTimeout,
      distinctTrackingCodesIn201s: codes.size,
      auditMessageSubmitRecords: audits.filter((a) => a.object_id !== null && benchIds.has(a.object_id)).length,
      auditVerify: { ok: audit.ok, records: audit.records, seconds: audit.ms / 1000 },
      failures: failures.slice(0, 50),
      failureCount: failures.length,
    };
  } finally {
    await db.close();
  }
}

// ---- one engine ----

interface EngineResult {
  engine: Engine;
  database: string;
  serverStartMs: number;
  baseline: LoadStats & { statuses: Record<string, number> };
  gongkai: LoadStats & { statuses: Record<string, number>; serverCpuSeconds: number | null; serverCpuMsPerRequest: number | null };
  throughputGongkaiOverBare: number;
  /** While the messages were served: a request needing no database (event loop) and GET /healthz (one SELECT). */
  probes: LoadRun['probes'];
  /** The measured run second by second. */
  timeline: Second[];
  gongkaiRssMiBAfterLoad: number | null;
  serverExit: string;
  proof: Proof;
}

async function runEngine(
  engine: Engine,
  databaseUrl: string,
  dir: string,
  s: { connections: number; duration: number; warmup: number },
  log: (line: string) => void,
): Promise<EngineResult> {
  const env = { ...gongkaiEnv(dir), ...LIFTED, DATABASE_URL: databaseUrl };
  const server = await startServer(env);
  const ledger = new Ledger();
  let stopped = false;
  let bare: Child | null = null;
  try {
    log(`  ${engine}: server healthy after ${(server.startMs / 1000).toFixed(1)} s (migrate + demo seed)`);
    const before = await (async () => {
      const db = openDatabase(databaseUrl);
      try {
        return new Set((await db.kysely.selectFrom('messages').select('id').execute()).map((r) => r.id));
      } finally {
        await db.close();
      }
    })();
    const target = server.url;
    // One message first, alone: it must be a 201, and its answer's bytes are what the baseline answers.
    const probe = message(++counter);
    ledger.built.add(probe.token);
    const res = await fetch(`${target}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: probe.body });
    const answer = await res.text();
    const probeCode = res.status === 201 ? ((JSON.parse(answer) as { trackingCode?: string }).trackingCode ?? null) : null;
    ledger.answers.set(probe.token, { status: res.status, trackingCode: probeCode });
    if (res.status !== 201) throw new Error(`${engine}: the first message was answered ${res.status}: ${answer.slice(0, 500)}`);
    const bodyFile = path.join(dir, 'answer-201.json');
    fs.writeFileSync(bodyFile, answer);
    bare = await startBare(bodyFile, { STATUS: '201', CONTENT_TYPE: res.headers.get('content-type') ?? 'application/json; charset=utf-8' });
    log(`  ${engine}: first message answered 201 ${probeCode} (${Buffer.byteLength(answer)} B, the baseline's answer)`);
    if (s.warmup > 0) {
      const w = await postLoad(target, s.connections, s.warmup, ledger, server.process.pid);
      log(`  ${engine}: warm-up ${s.warmup}s: ${Math.round(w.sample.requests / w.sample.seconds)} req/s (discarded from the figures, verified below)`);
    }
    const b = await postLoad(bare.url, s.connections, s.duration, null, bare.process.pid);
    log(`  ${engine}: bare node:http ${s.duration}s: ${Math.round(b.sample.requests / b.sample.seconds)} req/s`);
    const g = await postLoad(target, s.connections, s.duration, ledger, server.process.pid, true);
    log(`  ${engine}: gongkai ${s.duration}s: ${Math.round(g.sample.requests / g.sample.seconds)} req/s, statuses ${JSON.stringify(g.statuses)}, ${g.sample.timeouts} timeouts`);
    const rss = rssMiB(server.process.pid);
    await server.stop();
    stopped = true;
    const serverExit = server.process.exitCode !== null ? `exit ${server.process.exitCode}` : `signal ${server.process.signalCode}`;
    const audit = await auditVerify(env);
    const proof = await prove(databaseUrl, ledger, before, audit);
    const bs = combine([b.sample]);
    const gs = combine([g.sample]);
    return {
      engine,
      database: engine === 'sqlite' ? 'a fresh file in a temporary directory' : new URL(databaseUrl).pathname.slice(1),
      serverStartMs: Math.round(server.startMs),
      baseline: { ...bs, statuses: b.statuses },
      gongkai: {
        ...gs,
        statuses: g.statuses,
        serverCpuSeconds: g.serverCpuSeconds,
        serverCpuMsPerRequest: g.serverCpuSeconds !== null && gs.requests ? Math.round((g.serverCpuSeconds / gs.requests) * 1e6) / 1000 : null,
      },
      throughputGongkaiOverBare: Math.round((gs.requestsPerSecond / bs.requestsPerSecond) * 1000) / 1000,
      probes: g.probes,
      timeline: g.timeline,
      gongkaiRssMiBAfterLoad: rss,
      serverExit,
      proof,
    };
  } finally {
    await bare?.stop();
    if (!stopped) await server.stop();
  }
}

// ---- the bench ----

const bench: Bench = {
  name: 'messages',
  description: 'POST /api/v1/messages (demo agency jiangchuan), distinct messages from concurrent citizens, on fresh SQLite and PostgreSQL databases, vs a bare node:http server answering a 201; every answer checked against the database',
  async run(log) {
    const s = {
      connections: Math.round(setting('BENCH_MESSAGES_CONNECTIONS', 200, 1, 1000)),
      duration: setting('BENCH_MESSAGES_DURATION', 30, 1, 600),
      warmup: setting('BENCH_MESSAGES_WARMUP', 3, 0, 60),
    };
    const wanted = (process.env.BENCH_MESSAGES_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
    const engines = (['sqlite', 'postgres'] as const).filter((e) => wanted.includes(e));
    const pgVersion = engines.includes('postgres') ? await postgresVersion() : null;
    if (engines.includes('postgres') && pgVersion === null) log(`PostgreSQL SKIPPED: ${databaseUrl('postgres')} is unreachable`);
    log(`settings: ${s.connections} connections, ${s.duration}s per target, ${s.warmup}s warm-up per server (discarded, verified); per engine: warm-up, bare, gongkai`);

    const dirs: string[] = [];
    const results: EngineResult[] = [];
    try {
      for (const engine of engines) {
        if (engine === 'postgres' && pgVersion === null) continue;
        const dir = tempDir(`messages-${engine}`);
        dirs.push(dir);
        if (engine === 'sqlite') {
          results.push(await runEngine('sqlite', path.join(dir, 'bench.db'), dir, s, log));
        } else {
          const name = `gongkai_bench_messages_${randomBytes(4).toString('hex')}`;
          results.push(await withScratchDatabase(name, (url) => runEngine('postgres', url, dir, s, log)));
        }
      }
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }

    const label = (e: Engine) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');
    const row = (name: string, st: LoadStats, ratio: string, statuses: Record<string, number>): (string | number)[] => [
      name,
      st.requests,
      st.requestsPerSecond,
      st.latencyMs.p50.toFixed(1),
      st.latencyMs.p95.toFixed(1),
      st.latencyMs.p99.toFixed(1),
      st.latencyMs.max.toFixed(0),
      Object.entries(statuses).map(([k, v]) => `${k}:${v}`).join(' '),
      `${st.errors}/${st.timeouts}`,
      ratio,
    ];
    log('');
    log(`messages — POST ${PATH}, ${s.connections} connections, ${s.duration}s per target, distinct ~${Buffer.byteLength(message(0).body)} B JSON bodies`);
    log(
      table(
        ['target', 'answers', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'statuses', 'err/timeout', 'vs bare'],
        results.flatMap((r) => [
          row(`bare node:http (before ${label(r.engine)})`, r.baseline, '1.00×', r.baseline.statuses),
          row(`gongkai ${label(r.engine)}`, r.gongkai, `${r.throughputGongkaiOverBare.toFixed(3)}×`, r.gongkai.statuses),
        ]),
      ),
    );
    log('');
    log(
      table(
        ['proof (warm-up + measured run)', ...results.map((r) => label(r.engine))],
        [
          ['requests built', ...results.map((r) => r.proof.requestsBuilt)],
          ['answered 201', ...results.map((r) => r.proof.answered201)],
          ['answered otherwise', ...results.map((r) => r.proof.answeredOther)],
          ['unanswered: in flight at a stop', ...results.map((r) => r.proof.unansweredCutAtStop)],
          [`unanswered: timed out (${TIMEOUT_S} s)`, ...results.map((r) => r.proof.unansweredTimedOut)],
          ['stored messages', ...results.map((r) => r.proof.storedMessages)],
          ['  stored with the 201 code answered', ...results.map((r) => r.proof.storedWith201)],
          ['  stored, in flight at a stop', ...results.map((r) => r.proof.storedInFlightAtStop)],
          ['  stored, client timed out', ...results.map((r) => r.proof.storedAfterTimeout)],
          ['distinct tracking codes in 201s', ...results.map((r) => r.proof.distinctTrackingCodesIn201s)],
          ['audit verify (records)', ...results.map((r) => (r.proof.auditVerify.ok ? `ok ${r.proof.auditVerify.records}` : 'BROKEN'))],
          ['failures', ...results.map((r) => r.proof.failureCount)],
        ],
      ),
    );
    log('');
    for (const r of results) {
      const cpu = r.gongkai.serverCpuSeconds;
      log(
        `${label(r.engine)}: server CPU ${cpu ?? '?'} s over ${r.gongkai.seconds} s (${r.gongkai.serverCpuMsPerRequest ?? '?'} ms per message), RSS after load ${r.gongkaiRssMiBAfterLoad ?? '?'} MiB, ` +
          `stopped with ${r.serverExit}`,
      );
    }
    for (const r of results) {
      const p = r.probes;
      if (p) {
        log(
          `${label(r.engine)} probes during the load, every 250 ms: no database (404) p50 ${p.noDb.p50} / p99 ${p.noDb.p99} / max ${p.noDb.max} ms; ` +
            `GET /healthz (one SELECT) p50 ${p.db.p50} / p99 ${p.db.p99} / max ${p.db.max} ms`,
        );
      }
      const stalls = r.timeline.filter((x) => x.timeouts > 0 || x.answered === 0);
      if (stalls.length) log(`${label(r.engine)} seconds with timeouts or no answer: ${stalls.map((x) => `${x.s}s (${x.answered} answers, ${x.timeouts} timeouts, probes ${x.probeNoDbMaxMs ?? '-'}/${x.probeDbMaxMs ?? '-'} ms)`).join(', ')}`);
    }
    // Lost: a 201 not stored, a stored message not answered 201 (beyond those whose client was gone), a duplicate,
    // a half-stored message, a broken audit chain. Not lost but failed too: errors, timeouts, non-2xx answers —
    // a citizen who got no answer in time has no tracking code.
    const lost = results.filter((r) => r.proof.failureCount > 0);
    const unclean = results.filter((r) => r.gongkai.errors + r.gongkai.timeouts + r.gongkai.non2xx + r.proof.unansweredTimedOut + r.proof.answeredOther > 0);
    for (const r of results) {
      log(`${label(r.engine)}: nothing lost (every 201 stored, every stored message answered 201 or its client gone): ${r.proof.failureCount === 0 ? 'MET' : 'NOT MET'}`);
      for (const f of r.proof.failures.slice(0, 20)) log(`  ${f}`);
      const bad = r.gongkai.errors + r.gongkai.timeouts + r.gongkai.non2xx + r.proof.unansweredTimedOut + r.proof.answeredOther;
      log(
        `${label(r.engine)}: every one of ${s.connections} concurrent citizens answered 201 within ${TIMEOUT_S} s: ${bad === 0 ? 'MET' : 'NOT MET'}` +
          (bad ? ` (${r.proof.unansweredTimedOut} timed out — ${r.proof.storedAfterTimeout} of them stored —, ${r.proof.answeredOther} other answers, ${r.gongkai.errors - r.gongkai.timeouts} connection errors, warm-up included)` : ''),
      );
    }
    const clean = unclean.length === 0;
    log('The machine has 2 cores shared by the load generator, the server, PostgreSQL and other people\'s work: absolute figures are noisy; compare with the bare row measured just before.');

    const resultFile = writeResult('messages', {
      benchmark: 'messages',
      description: bench.description,
      machine: machine(),
      settings: {
        ...s,
        timeoutSeconds: TIMEOUT_S,
        order: 'per engine: start the server on a fresh database, warm-up (discarded, verified), bare node:http, gongkai; stop the server, gongkai audit verify, read the database',
        loadGenerator: 'autocannon 8, in the bench process, same machine; one `requests` entry whose setupRequest builds a distinct body per request and whose onResponse keeps every answer',
        latencyNote: 'percentiles over every response time recorded by the bench (sub-ms)',
        server: 'node bin/gongkai.js serve --seed-demo (LOG_LEVEL=warn, no REDIS_URL: in-memory limiter and submission counters, as one instance)',
        limits: `lifted to measure throughput, not the abuse limits (all citizens share 127.0.0.1): ${Object.entries(LIFTED).map(([k, v]) => `${k}=${v}`).join(', ')}`,
        messages: `org ${ORG}, types ${TYPES.join('/')} in turn (correction needs a published item), title with a unique token BENCH-<run>-<n>, e-mail or mobile contact unique per request, public consent every third, no attachments`,
        baseline: 'bench/bare-server.mjs answering a 201 application/json body of the same shape as the real answer to the same POSTs (STATUS=201)',
        sqlite: 'a fresh file in a temporary directory',
        postgres: pgVersion === null ? 'skipped: unreachable or not asked for' : `PostgreSQL ${pgVersion}, a fresh database gongkai_bench_messages_<random> (template0, UTF8, C.UTF-8), dropped afterwards; the server's pool (10 connections)`,
        proof:
          'after the load the server is stopped (SIGTERM: in-flight requests finish), `gongkai audit verify` is run, then every messages row is read: each 201 (token → tracking code) must be stored under that code with that token; each stored row of the bench must have had its 201, or be a request whose client was gone — in flight when autocannon closed its connections at the end of a run, or timed out (unanswered though sent at least the timeout before the end); one row per token, no foreign rows; each with one submitted event, its open deadline with the same due date and one message.submit audit record. Separately every answer must be a 201 with no error and no timeout',
        probes: 'during the measured run, every 250 ms on connections of their own: GET /api/v1/bench-probe-unknown (a 404 that reads no database: the event loop) and GET /healthz (one SELECT through the same connection or pool as the messages)',
      },
      results: Object.fromEntries(results.map((r) => [r.engine, r])),
      postgresSkipped: engines.includes('postgres') && pgVersion === null,
      targets: {
        nothingLost: { target: `${s.connections} concurrent citizens submitting messages with nothing lost`, met: lost.length === 0 && results.length > 0 },
        everyCitizenAnswered: { target: `every request answered 201 within ${TIMEOUT_S} s: no error, timeout or other status`, met: clean },
      },
    });
    if (lost.length > 0 || !clean) {
      throw new Error(
        `${lost.length ? 'messages were lost, duplicated or half-stored' : 'nothing was lost, but citizens went unanswered'} (${path.relative(ROOT, resultFile)} has the evidence): ` +
          results
            .map((r) => `${label(r.engine)} ${r.proof.failureCount} proof failures, ${r.proof.unansweredTimedOut} timeouts (${r.proof.storedAfterTimeout} stored), ${r.proof.answeredOther} non-201, ${r.gongkai.errors} errors in the measured run`)
            .join('; '),
      );
    }
    return { targetsMet: true, resultFile };
  },
};

export default bench;
