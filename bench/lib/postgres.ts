import pg from 'pg';

/** The PostgreSQL server benchmarks create their scratch databases on (BENCH_POSTGRES_URL to change). */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/';

/** The address of `database` on the benchmark server. */
export function databaseUrl(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The server's version, or null when it cannot be reached (the PostgreSQL runs are then skipped). */
export async function postgresVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One statement on the maintenance database (CREATE / DROP DATABASE). */
export async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a UTF-8 scratch database, runs `fn` with its address, and drops it whatever happens. */
export async function withScratchDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  try {
    return await fn(databaseUrl(name));
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
