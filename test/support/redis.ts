/** Redis suites run when REDIS_URL is set (CI sets it); otherwise they are skipped with a message. */
export const REDIS_URL = process.env.REDIS_URL || undefined;

export function redisAvailable(): boolean {
  if (!REDIS_URL) console.warn('REDIS_URL is not set: the Redis suites are skipped (CI sets it).');
  return Boolean(REDIS_URL);
}
