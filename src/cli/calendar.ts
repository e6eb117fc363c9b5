import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { operatorCaller } from '../modules/accounts/index.js';
import { computeDeadline, HolidayNoticeSchema, importNotice, loadCalendar, type HolidayNotice, type WorkCalendar } from '../modules/calendar/index.js';
import { findOrgByCode } from '../modules/organisations/index.js';
import type { AppContext } from '../shared/context.js';
import { parseOrThrow } from '../shared/validation.js';
import { CliError, withDb, type CliCommand } from './command.js';

/** The calendar of --org (an agency or one of its units), or the national one. */
async function calendarOf(ctx: AppContext, orgCode: string | undefined): Promise<WorkCalendar> {
  if (!orgCode) return loadCalendar(ctx.db.kysely, '');
  const org = await findOrgByCode(ctx.db.kysely, orgCode);
  if (!org) throw new CliError(`unknown organisation ${orgCode}`);
  return loadCalendar(ctx.db.kysely, org.agency_id);
}

/** `workdays add|between`: working-day arithmetic in an agency's calendar. */
export const workdaysCommand: CliCommand = {
  name: 'workdays',
  usage: ['workdays add DATE N [--org ORGCODE] [--json]', 'workdays between FROM TO [--org ORGCODE]'],
  run: async (config, [sub, ...rest]) => {
    // A negative N is a positional to refuse with a clear reason, not an unknown option.
    const negative = rest.filter((a) => /^-\d+$/.test(a));
    const { values, positionals } = parseArgs({
      args: [...rest.filter((a) => !negative.includes(a)), '--', ...negative],
      allowPositionals: true,
      options: { org: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (sub === 'add') {
      if (positionals.length !== 2) throw new CliError('usage: gongkai workdays add DATE N [--org ORGCODE] [--json]');
      const [date, nText] = positionals as [string, string];
      if (!/^-?\d+$/.test(nText)) throw new CliError(`N must be a whole number of working days, not "${nText}"`);
      return withDb(config, async (ctx) => {
        const calendar = await calendarOf(ctx, values.org);
        const n = Number(nText);
        const due = calendar.add(date, n);
        console.log(due);
        if (values.json) {
          const explanation = n > 0 ? computeDeadline(calendar, [{ type: 'start', date, workingDays: n }]) : null;
          console.log(JSON.stringify({ from: date, n, date: due, org: values.org ?? null, explanation }, null, 2));
        }
      });
    }
    if (sub === 'between') {
      if (positionals.length !== 2) throw new CliError('usage: gongkai workdays between FROM TO [--org ORGCODE]');
      const [from, to] = positionals as [string, string];
      return withDb(config, async (ctx) => {
        console.log(String((await calendarOf(ctx, values.org)).between(from, to)));
      });
    }
    throw new CliError('usage: gongkai workdays add|between …');
  },
};

function readNoticeFile(file: string): HolidayNotice {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON`);
  }
  return parseOrThrow(HolidayNoticeSchema, json);
}

/** `calendar import`: a State Council notice (holiday-cn JSON) for the deployment or one agency. */
export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: ['calendar import FILE [--org ORGCODE|*]   import a holiday notice (holiday-cn JSON)'],
  run: async (config, [sub, ...rest]) => {
    if (sub !== 'import') throw new CliError('usage: gongkai calendar import FILE [--org ORGCODE|*]');
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: 'string' } } });
    if (positionals.length !== 1) throw new CliError('usage: gongkai calendar import FILE [--org ORGCODE|*]');
    const notice = readNoticeFile(positionals[0]!);
    return withDb(config, async (ctx) => {
      const org = values.org ?? '*';
      const result = await importNotice(operatorCaller(ctx), org, notice);
      console.log(
        `imported ${notice.year}: ${notice.days.length} days for ${org === '*' ? 'the whole deployment' : org}` +
          `${result.replaced ? ' (replacing the earlier import)' : ''}; recomputed ${result.recomputed} open deadlines`,
      );
    });
  },
};
