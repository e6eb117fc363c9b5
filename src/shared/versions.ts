import { z } from 'zod';

/**
 * The largest version a record holds (its column is a PostgreSQL `integer`). A larger one is refused as input:
 * PostgreSQL answers a comparison `version = $1` beyond its range with an error (22003), not with "no such row".
 */
export const MAX_VERSION = 2_147_483_647;

/** The version a client read, sent back with its change (optimistic locking); `coerce` for form values. */
export function versionField(options: { min?: 0 | 1; coerce?: boolean; message?: string } = {}) {
  const error = options.message ?? '缺少版本号 version';
  const base = options.coerce ? z.coerce.number({ error }) : z.number({ error });
  return base.int('版本号无效').min(options.min ?? 1, '版本号无效').max(MAX_VERSION, '版本号无效');
}
