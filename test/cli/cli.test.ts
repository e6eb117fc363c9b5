import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { buildDist } from '../support/build.js';
import { testDatabases } from '../support/databases.js';

// Each case starts real processes (several seconds apiece on a loaded machine): allow them the time.
vi.setConfig({ testTimeout: 180_000 });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Each database gets a data folder of its own (audit key, checkpoints), as each deployment has: never ./data. */
const dataDirs = new Map<string, string>();
function dataDirFor(databaseUrl: string): string {
  if (!dataDirs.has(databaseUrl)) dataDirs.set(databaseUrl, fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-data-')));
  return dataDirs.get(databaseUrl)!;
}
afterAll(() => {
  for (const dir of dataDirs.values()) fs.rmSync(dir, { recursive: true, force: true });
});

// The command line as installed: bin/gongkai.js running the built server (dist/server), rebuilt here when older
// than its sources.
beforeAll(() => buildDist());

/** Runs the real command-line entry (bin/gongkai.js) with the given database. */
function gongkai(databaseUrl: string, args: string[], stdin?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'gongkai.js'), ...args],
      // A clean environment: the test runner sets variables of its own (BASE_URL among them).
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DATA_DIR: dataDirFor(databaseUrl), LOG_LEVEL: 'silent', ...env },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe.each(testDatabases())('gongkai command line on $name', (database) => {
  let db: Awaited<ReturnType<typeof database.open>>;
  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => db.close());

  it('migrates, adds an agency, a unit and a user, and verifies the audit chain', async () => {
    expect((await gongkai(db.url, ['migrate'])).stdout.trim()).toBe('up to date');
    const agency = await gongkai(db.url, ['org', 'add', '--code', 'hz', '--name', '杭州市人民政府']);
    expect(agency).toMatchObject({ code: 0, stdout: 'created agency hz 杭州市人民政府\n' });
    const unit = await gongkai(db.url, ['org', 'add', '--code', 'hz-gk', '--name', '政务公开办', '--parent', 'hz']);
    expect(unit.stdout).toBe('created unit hz-gk 政务公开办\n');
    const user = await gongkai(db.url, ['user', 'add', '--username', 'zhang', '--role', 'office', '--org', 'hz-gk', '--password-stdin'], 'Str0ng&Secret\n');
    expect(user).toMatchObject({ code: 0, stdout: 'created user zhang (office @ hz-gk)\n' });
    const admin = await gongkai(db.url, ['user', 'add', '--username', 'root-admin', '--role', 'sysadmin', '--org', '*', '--password-stdin'], 'Str0ng&Secret');
    expect(admin.code).toBe(0);
    const verify = await gongkai(db.url, ['audit', 'verify']);
    expect(verify).toMatchObject({ code: 0, stdout: 'ok 7 records\n' }); // 6 changes and the agency's initial catalog
  });

  it('fails with a one-line reason and a non-zero exit code', async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['org', 'add', '--code', 'hz', '--name', '重复'], undefined, /机构编码已存在/],
      [['org', 'add', '--code', 'bad code', '--name', 'x'], undefined, /机构编码只能包含/],
      [['org', 'add', '--code', 'x1', '--name', 'x', '--parent', 'nope'], undefined, /上级机构不存在/],
      [['user', 'add', '--username', 'li', '--role', 'king', '--org', 'hz', '--password-stdin'], 'Str0ng&Secret', /unknown role king/],
      [['user', 'add', '--username', 'li', '--role', 'editor', '--org', 'hz', '--password-stdin'], 'weak', /密码至少/],
      [['user', 'add', '--username', 'li', '--role', 'editor', '--org', 'hz'], undefined, /--password-stdin is required/],
      [['frobnicate'], undefined, /unknown command frobnicate/],
      [['seed', '--demo'], undefined, /not empty/],
    ];
    for (const [args, stdin, message] of cases) {
      const run = await gongkai(db.url, args, stdin);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('names the first broken record when the chain was tampered with', async () => {
    const raw = openDatabase(db.url);
    try {
      if (raw.dialect === 'postgres') await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(raw.kysely);
      else await sql`DROP TRIGGER audit_log_no_update`.execute(raw.kysely);
      await sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2`.execute(raw.kysely);
    } finally {
      await raw.close();
    }
    const verify = await gongkai(db.url, ['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toBe('gongkai: audit chain broken after 1 intact records: record 2 is altered\n');
  });
});

describe.each(testDatabases())('gongkai audit verify against the checkpoints on $name', (database) => {
  let db: Awaited<ReturnType<typeof database.open>>;
  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(() => db.close());

  it('reports records deleted after a checkpoint as truncated, and a missing key as such', async () => {
    for (const code of ['a1', 'a2', 'a3']) expect((await gongkai(db.url, ['org', 'add', '--code', code, '--name', `机构${code}`])).code).toBe(0);
    expect(await gongkai(db.url, ['audit', 'verify'])).toMatchObject({ code: 0, stdout: 'ok 6 records\n' });
    if (db.dialect === 'postgres') await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db.kysely);
    else await sql`DROP TRIGGER audit_log_no_delete`.execute(db.kysely);
    await sql`DELETE FROM audit_log WHERE seq > 4`.execute(db.kysely);
    const cut = await gongkai(db.url, ['audit', 'verify']);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^gongkai: audit chain broken after 4 intact records: records from 5 on are missing \(truncated: a checkpoint of \S+ vouches for record 6\)\n$/);
    const keyFile = path.join(dataDirFor(db.url), 'elsewhere.key');
    const noKey = await gongkai(db.url, ['audit', 'verify'], undefined, { AUDIT_KEY_FILE: keyFile });
    expect(noKey).toMatchObject({ code: 1, stdout: '', stderr: `gongkai: audit key ${keyFile}: not found (set AUDIT_KEY_FILE or AUDIT_KEY to the key the servers use)\n` });
    const wrongKey = await gongkai(db.url, ['audit', 'verify'], undefined, { AUDIT_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(wrongKey.stderr).toMatch(/record \d+ is sealed with audit key [0-9a-f]{16}, not the configured one/);
  });
});

describe.each(testDatabases())('gongkai workdays and calendar on $name', (database) => {
  let db: Awaited<ReturnType<typeof database.open>>;
  let dir: string;
  beforeAll(async () => {
    db = await database.open();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-'));
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds and counts working days, with the explanation as JSON', async () => {
    expect(await gongkai(db.url, ['workdays', 'add', '2025-09-30', '1'])).toMatchObject({ code: 0, stdout: '2025-10-09\n' });
    expect((await gongkai(db.url, ['workdays', 'between', '2025-09-30', '2025-10-09'])).stdout).toBe('1\n');
    const json = await gongkai(db.url, ['workdays', 'add', '2026-02-10', '20', '--json']);
    const [first, ...rest] = json.stdout.split('\n');
    expect(first).toBe('2026-03-16');
    const body = JSON.parse(rest.join('\n'));
    expect(body.explanation.holidays).toEqual([{ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 }]);
    expect(body.explanation.steps.at(-1)).toBe('办理期限截止于 2026-03-16（星期一）。');
  });

  it('refuses bad input with one line and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['workdays', 'add', '2025-02-30', '1'], /2025-02-30.*不存在/],
      [['workdays', 'add', '2025-02-03', '-1'], /0 到 1000/],
      [['workdays', 'add', '2025-02-03', '100000'], /0 到 1000/],
      [['workdays', 'add', '2025-02-03', 'ten'], /whole number/],
      [['workdays', 'add', '2026-12-20', '20'], /no calendar for 2027/],
      [['workdays', 'add', '2025-02-03', '3', '--org', 'nope'], /unknown organisation nope/],
      [['workdays', 'between', '2025-03-02', '2025-03-01'], /早于/],
      [['calendar', 'import', '/nonexistent/2027.json'], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const run = await gongkai(db.url, args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('imports a notice file, after which its year is covered', async () => {
    const file = path.join(dir, '2027.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        papers: [],
        days: [
          { name: '元旦', date: '2027-01-01', isOffDay: true },
          { name: '春节', date: '2027-02-06', isOffDay: true },
        ],
      }),
    );
    const run = await gongkai(db.url, ['calendar', 'import', file]);
    expect(run).toMatchObject({ code: 0, stdout: 'imported 2027: 2 days for the whole deployment; recomputed 0 open deadlines\n' });
    expect((await gongkai(db.url, ['workdays', 'add', '2026-12-31', '1'])).stdout).toBe('2027-01-04\n');
    fs.writeFileSync(file, '{"year": 2027, "days": [{"date": "2027-13-01"}]}');
    const bad = await gongkai(db.url, ['calendar', 'import', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/days\.0\.date/);
    fs.writeFileSync(file, 'not json');
    expect((await gongkai(db.url, ['calendar', 'import', file])).stderr).toMatch(/not valid JSON/);
  });
});

describe.each(testDatabases())('gongkai import on $name', (database) => {
  let db: Awaited<ReturnType<typeof database.open>>;
  let dir: string;
  beforeAll(async () => {
    db = await database.open();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-'));
    const demo = path.join(PROJECT_ROOT, 'reference', 'demo-documents', '02.03');
    for (const f of fs.readdirSync(demo).slice(0, 3)) fs.copyFileSync(path.join(demo, f), path.join(dir, f));
    fs.writeFileSync(
      path.join(dir, 'notices.jsonl'),
      [
        JSON.stringify({ title: '关于开展政务公开日活动的通知', body: '各单位：……', writtenAt: '2026-03-01', category: '01.01' }),
        '{"title": "坏行"',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports Markdown and JSON Lines, publishing on request, and imports nothing new the second time', async () => {
    await gongkai(db.url, ['org', 'add', '--code', 'hz', '--name', '杭州市人民政府']);
    const first = await gongkai(db.url, ['import', dir, '--org', 'hz', '--category', '02.03', '--publish']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('imported 4, skipped 1\n');
    expect(first.stderr).toMatch(/notices\.jsonl:2/);
    const second = await gongkai(db.url, ['import', dir, '--org', 'hz', '--category', '02.03', '--publish']);
    expect(second.stdout).toBe('imported 0, skipped 5\n');
    const verify = await gongkai(db.url, ['audit', 'verify']);
    expect(verify.stdout).toBe('ok 6 records\n'); // the agency, its catalog, four published imports
  });

  it('rebuilds the search index with progress, finding what was imported', async () => {
    const docs = () => db.kysely.selectFrom('search_documents').select('item_id').where('kind', '=', 'live').execute();
    const before = (await docs()).length;
    expect(before).toBe(4);
    // An index emptied behind the application's back is whole again after the rebuild.
    if (database.name === 'sqlite') await sql`DELETE FROM search_fts`.execute(db.kysely);
    await db.kysely.deleteFrom('search_documents').execute();
    const run = await gongkai(db.url, ['search', 'reindex']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^indexing 0\/4 items\n(.|\n)*indexing 4\/4 items\n$/);
    expect(run.stdout).toMatch(/^indexed 4 items in \d+\.\d s\n$/);
    expect((await docs()).length).toBe(before);
    expect((await gongkai(db.url, ['search', 'rebuild'])).stderr).toMatch(/usage: gongkai search reindex/);
  });

  it('refuses an unknown organisation or category', async () => {
    expect((await gongkai(db.url, ['import', dir, '--org', 'nope'])).stderr).toMatch(/nope 不存在/);
    expect((await gongkai(db.url, ['import', dir, '--org', 'hz', '--category', '99'])).stderr).toMatch(/99 不存在/);
    expect((await gongkai(db.url, ['import', '/nonexistent', '--org', 'hz'])).stderr).toMatch(/cannot read/);
  });
});
