// The `gongkai` command (docs/contract.md "Command line"): one file per command under src/cli/, listed here.
import { auditCommand } from './cli/audit.js';
import { calendarCommand, workdaysCommand } from './cli/calendar.js';
import { orgCommand, userCommand } from './cli/accounts.js';
import { CliError, type CliCommand } from './cli/command.js';
import { importCommand } from './cli/import.js';
import { searchCommand } from './cli/search.js';
import { migrateCommand, seedCommand, serveCommand } from './cli/serve.js';
import { loadConfig } from './config.js';

export { describeFailure } from './cli/command.js';

/** Every command, in the order of the usage text. */
const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCommand,
  orgCommand,
  auditCommand,
  workdaysCommand,
  calendarCommand,
  importCommand,
  searchCommand,
];

const USAGE = ['usage: gongkai <command>', ...COMMANDS.flatMap((c) => c.usage.map((line) => `  ${line}`))].join('\n');

export async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const config = loadConfig();
  if (name === undefined || name === 'help' || name === '--help') {
    console.log(USAGE);
    return;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command ${name}\n${USAGE}`);
  return command.run(config, args);
}
