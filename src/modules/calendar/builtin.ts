import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/paths.js';
import { HolidayNoticeSchema, type HolidayNotice } from './notice.js';

/**
 * The national calendar shipped with Gongkai: reference/holiday-cn (MIT, see its LICENSE and SOURCE-COMMIT).
 * A file without days is a placeholder for a notice not yet issued (2027.json at the time of copying): it
 * describes nothing, so its year stays uncovered.
 */
export const BUILTIN_DIR = path.join(PROJECT_ROOT, 'reference', 'holiday-cn');

let cached: HolidayNotice[] | undefined;

export function builtinNotices(): HolidayNotice[] {
  cached ??= fs
    .readdirSync(BUILTIN_DIR)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => HolidayNoticeSchema.parse(JSON.parse(fs.readFileSync(path.join(BUILTIN_DIR, f), 'utf8'))))
    .filter((n) => n.days.length > 0);
  return cached;
}
