import { execFile } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { testDatabases } from '../support/databases.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command-line entry (src/main.ts under tsx) with the given database. */
function gongkai(databaseUrl: string, args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', ...args],
      // A clean environment: the test runner sets variables of its own (BASE_URL among them).
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } },
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
    expect(verify).toMatchObject({ code: 0, stdout: 'ok 6 records\n' });
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
