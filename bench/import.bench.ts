// Import throughput of the real corpus (the laws corpus of docs/engineering.md §7, 3,200 Markdown laws) through the real command,
// `gongkai import … --publish`, on a fresh SQLite database and a fresh PostgreSQL database, next to a parse-only
// baseline in the same run; then the same import again (idempotent: imports 0) and `gongkai audit verify`.
// Target (docs/engineering.md §6): import ≥ 500 documents/s.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Bench } from './lib/bench.js';
import { gongkaiEnv, ROOT, spawnNode, tempDir } from './lib/processes.js';
import { machine, table, writeResult } from './lib/report.js';
import { databaseUrl, postgresVersion, withScratchDatabase } from './lib/postgres.js';

const TARGET_DOCS_PER_SECOND = 500;
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'laws');
const ORG = 'bench';
const CATEGORY = '02.01';
/** No single command may take longer than this. */
const COMMAND_TIMEOUT_MS = 300_000;

interface CommandRun {
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to its end; wall time from spawn to exit. Fails on a non-zero exit or after the timeout. */
async function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<CommandRun> {
  const t0 = performance.now();
  const child = spawnNode(args, env, 0);
  let stdout = '';
  let stderr = '';
  child.process.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.process.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.process.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.process.once('close', (c) => resolve(c)));
  const ms = performance.now() - t0;
  clearTimeout(timer);
  await child.stop();
  if (code !== 0) throw new Error(`node ${args.map((a) => path.relative(ROOT, a) || a).join(' ')} exited with ${code}:\n${(stdout + stderr).slice(-2000)}`);
  return { ms: Math.round(ms * 10) / 10, stdout, stderr };
}

const cli = (args: string[], env: NodeJS.ProcessEnv): Promise<CommandRun> => runNode([path.join(ROOT, 'bin/gongkai.js'), ...args], env);

function parseImported(out: string): { imported: number; skipped: number } {
  const m = /imported (\d+), skipped (\d+)/.exec(out);
  if (!m) throw new Error(`no "imported N, skipped M" line in the output of gongkai import:\n${out.slice(-2000)}`);
  return { imported: Number(m[1]), skipped: Number(m[2]) };
}

interface BackendRun {
  orgAddMs: number;
  importMs: number;
  imported: number;
  skipped: number;
  documentsPerSecond: number;
  reimportMs: number;
  reimported: number;
  reimportSkipped: number;
  auditVerifyMs: number;
  auditRecords: number;
}

/** org add → import (timed) → the same import again → audit verify, on the database in `env`. */
async function importRun(env: NodeJS.ProcessEnv): Promise<BackendRun> {
  const orgAdd = await cli(['org', 'add', '--code', ORG, '--name', '基准测试机关'], env);
  const importArgs = ['import', CORPUS, '--org', ORG, '--category', CATEGORY, '--publish'];
  const first = await cli(importArgs, env);
  const { imported, skipped } = parseImported(first.stdout);
  const second = await cli(importArgs, env);
  const again = parseImported(second.stdout);
  const audit = await cli(['audit', 'verify'], env);
  const records = /ok (\d+) records/.exec(audit.stdout);
  if (!records) throw new Error(`gongkai audit verify did not answer "ok N records":\n${audit.stdout}${audit.stderr}`);
  return {
    orgAddMs: orgAdd.ms,
    importMs: first.ms,
    imported,
    skipped,
    documentsPerSecond: Math.round(imported / (first.ms / 1000)),
    reimportMs: second.ms,
    reimported: again.imported,
    reimportSkipped: again.skipped,
    auditVerifyMs: audit.ms,
    auditRecords: Number(records[1]),
  };
}

async function sqliteRun(dirs: string[]): Promise<BackendRun> {
  const dir = tempDir('import');
  dirs.push(dir);
  try {
    return await importRun(gongkaiEnv(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun(dirs: string[]): Promise<BackendRun> {
  const name = `gongkai_bench_${randomBytes(6).toString('hex')}`;
  const dir = tempDir('import-pg');
  dirs.push(dir);
  try {
    return await withScratchDatabase(name, (url) => importRun({ ...gongkaiEnv(dir), DATABASE_URL: url }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ParseRun {
  wallMs: number;
  readParseMs: number;
  files: number;
  documents: number;
  problems: number;
}

async function parseOnly(): Promise<ParseRun> {
  const run = await runNode([path.join(ROOT, 'bench/parse-only.mjs'), CORPUS], { ...process.env });
  const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Omit<ParseRun, 'wallMs'>;
  return { wallMs: run.ms, ...r };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const secs = (ms: number): string => (ms / 1000).toFixed(2);

const bench: Bench = {
  name: 'import',
  description: `gongkai import of ${path.relative(ROOT, CORPUS)} --org ${ORG} --category ${CATEGORY} --publish on fresh SQLite and PostgreSQL databases, parse-only baseline, re-import, audit verify`,
  async run(log) {
    if (!fs.existsSync(CORPUS)) {
      log(`SKIPPED: the corpus ${CORPUS} is missing (docs/engineering.md §7: the laws corpus beside the project); bench/results/import.json left as it was`);
      return { targetsMet: true, resultFile: null };
    }
    const runs = Math.max(1, Math.min(10, Math.round(Number(process.env.BENCH_IMPORT_RUNS ?? 3) || 3)));
    const pgVersion = await postgresVersion();
    if (pgVersion === null) log(`PostgreSQL SKIPPED: ${databaseUrl('postgres')} is unreachable; SQLite only`);
    log(`settings: ${runs} runs per backend, interleaved (parse-only, SQLite, PostgreSQL), each on a fresh database`);

    const dirs: string[] = [];
    const parse: ParseRun[] = [];
    const sqlite: BackendRun[] = [];
    const postgres: BackendRun[] = [];
    try {
      for (let i = 1; i <= runs; i++) {
        const p = await parseOnly();
        parse.push(p);
        log(`  run ${i}/${runs} parse-only: ${p.documents} documents parsed (${p.problems} refused) in ${secs(p.readParseMs)} s (${secs(p.wallMs)} s with node start)`);
        const s = await sqliteRun(dirs);
        sqlite.push(s);
        log(`  run ${i}/${runs} SQLite: imported ${s.imported}, skipped ${s.skipped} in ${secs(s.importMs)} s = ${s.documentsPerSecond} documents/s; again: imported ${s.reimported} in ${secs(s.reimportMs)} s; audit verify ${s.auditRecords} records in ${secs(s.auditVerifyMs)} s`);
        if (pgVersion !== null) {
          const g = await postgresRun(dirs);
          postgres.push(g);
          log(`  run ${i}/${runs} PostgreSQL: imported ${g.imported}, skipped ${g.skipped} in ${secs(g.importMs)} s = ${g.documentsPerSecond} documents/s; again: imported ${g.reimported} in ${secs(g.reimportMs)} s; audit verify ${g.auditRecords} records in ${secs(g.auditVerifyMs)} s`);
        }
      }
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }

    const files = parse[0]!.files;
    const parsedDocs = parse[0]!.documents;
    const parseMs = median(parse.map((p) => p.readParseMs));
    const parseWallMs = median(parse.map((p) => p.wallMs));
    const summarise = (name: string, rs: BackendRun[]) => {
      const importMs = median(rs.map((r) => r.importMs));
      const imported = rs[0]!.imported;
      const documentsPerSecond = Math.round(imported / (importMs / 1000));
      const reimportMs = median(rs.map((r) => r.reimportMs));
      const idempotent = rs.every((r) => r.reimported === 0);
      const consistent = rs.every((r) => r.imported === imported);
      const met = documentsPerSecond >= TARGET_DOCS_PER_SECOND;
      return {
        backend: name,
        imported,
        skipped: rs[0]!.skipped,
        importSecondsMedian: importMs / 1000,
        documentsPerSecond,
        reimportSecondsMedian: reimportMs / 1000,
        reimported: rs.map((r) => r.reimported),
        idempotent,
        sameCountEveryRun: consistent,
        auditVerifySecondsMedian: median(rs.map((r) => r.auditVerifyMs)) / 1000,
        auditRecords: rs[0]!.auditRecords,
        target: { documentsPerSecond: `>= ${TARGET_DOCS_PER_SECOND}`, value: documentsPerSecond, met },
        runs: rs,
      };
    };
    const backends = [summarise('SQLite', sqlite), ...(postgres.length ? [summarise('PostgreSQL', postgres)] : [])];

    const rows: (string | number)[][] = [
      ['parse only (read + parse, in-process)', '—', parsedDocs, secs(parseMs), Math.round(parsedDocs / (parseMs / 1000)), parse.map((p) => secs(p.readParseMs)).join(', ')],
      ['parse only (wall, node start included)', '—', parsedDocs, secs(parseWallMs), Math.round(parsedDocs / (parseWallMs / 1000)), parse.map((p) => secs(p.wallMs)).join(', ')],
    ];
    for (const b of backends) {
      const rs = b.backend === 'SQLite' ? sqlite : postgres;
      rows.push([`import --publish (wall)`, b.backend, b.imported, b.importSecondsMedian.toFixed(2), b.documentsPerSecond, rs.map((r) => secs(r.importMs)).join(', ')]);
      rows.push([`same import again (imports ${b.reimported.join('/')})`, b.backend, 0, b.reimportSecondsMedian.toFixed(2), '—', rs.map((r) => secs(r.reimportMs)).join(', ')]);
      rows.push([`audit verify (${b.auditRecords} records)`, b.backend, '—', b.auditVerifySecondsMedian.toFixed(2), '—', rs.map((r) => secs(r.auditVerifyMs)).join(', ')]);
    }
    log('');
    log(`import — corpus ${path.relative(ROOT, CORPUS)}: ${files} files, ${parsedDocs} parse; median of ${runs} runs, each on a fresh database`);
    log(table(['step', 'backend', 'documents', 'median s', 'documents/s', 'runs s'], rows));
    log('');
    let allMet = true;
    for (const b of backends) {
      allMet &&= b.target.met && b.idempotent && b.sameCountEveryRun;
      log(`${b.backend}: import ≥ ${TARGET_DOCS_PER_SECOND} documents/s ${b.target.met ? 'MET' : 'NOT MET'} (${b.documentsPerSecond}/s; parse alone ${Math.round(parsedDocs / (parseMs / 1000))}/s); ` +
        `re-import ${b.idempotent ? 'idempotent (imported 0)' : `NOT idempotent (imported ${b.reimported.join('/')})`}`);
    }
    if (pgVersion === null) log('PostgreSQL: skipped (unreachable)');
    log('wall times include node start, loading the command and the migration check (a no-op on the second command); the machine may be busy with other work, so compare with the parse-only row of the same run');

    const resultFile = writeResult('import', {
      benchmark: 'import',
      description: bench.description,
      machine: machine(),
      settings: {
        runs,
        order: 'per run: parse-only, SQLite (org add, import, import again, audit verify), PostgreSQL (same)',
        command: `node bin/gongkai.js import ${path.relative(ROOT, CORPUS)} --org ${ORG} --category ${CATEGORY} --publish`,
        measured: 'wall time of the command, spawn to exit (node start, migration check, read, parse, write); documents/s = imported ÷ wall seconds (median run)',
        parseOnly: 'bench/parse-only.mjs: the same file walk and the compiled parsers (dist/server/.../import-format.js), nothing written',
        sqlite: 'a fresh file in a temporary directory (gongkaiEnv: LOG_LEVEL=warn, no REDIS_URL)',
        postgres: pgVersion === null ? 'skipped: unreachable' : `PostgreSQL ${pgVersion}, a fresh database gongkai_bench_<random> (template0, UTF8, C.UTF-8) per run, dropped afterwards`,
      },
      corpus: { path: path.relative(ROOT, CORPUS), files, parsedDocuments: parsedDocs, refusedByParser: parse[0]!.problems },
      parseOnly: {
        readParseSecondsMedian: parseMs / 1000,
        documentsPerSecond: Math.round(parsedDocs / (parseMs / 1000)),
        wallSecondsMedian: parseWallMs / 1000,
        runs: parse,
      },
      backends,
      postgresSkipped: pgVersion === null,
      targetsMet: allMet,
    });
    return { targetsMet: allMet, resultFile };
  },
};

export default bench;
