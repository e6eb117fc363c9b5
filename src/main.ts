import { describeFailure, main } from './cli.js';

// The `gongkai` command: a failure is one line on stderr and a non-zero exit code (docs/contract.md "Command line").
try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gongkai: ${describeFailure(err)}\n`);
  process.exitCode = 1;
}
