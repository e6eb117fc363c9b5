import pg from 'pg';

/**
 * Prepares PostgreSQL when TEST_DATABASE_URL is set: the database must exist with a UTF-8 ctype
 * (pg_trgm and case folding ignore Chinese otherwise).
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(err as Error).message}`);
  }
  const { rows } = await client.query<{ encoding: string }>('SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()');
  await client.end();
  if (rows[0]?.encoding !== 'UTF8') throw new Error('the PostgreSQL test database must use UTF8 encoding');
}
