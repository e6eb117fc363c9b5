import { AuditKeyError, verifyAuditChain, type ChainBreak } from '../modules/audit/index.js';
import { CliError, withDb, type CliCommand } from './command.js';

function describeBreak(b: ChainBreak): string {
  switch (b.problem) {
    case 'missing':
      return `record ${b.expectedSeq} is missing (next present: ${b.seq})`;
    case 'truncated':
      return `records from ${b.seq} on are missing (truncated: a checkpoint of ${b.checkpointAt} vouches for record ${b.checkpointSeq})`;
    case 'wrong-key':
      return `record ${b.seq} is sealed with audit key ${b.keyId}, not the configured one (check AUDIT_KEY_FILE / AUDIT_KEY)`;
    case 'forged-checkpoint':
      return `a checkpoint line for record ${b.seq} is not sealed with the audit key (forged or damaged checkpoint file)`;
    case 'altered':
      return b.checkpointAt ? `record ${b.seq} is altered (its hash differs from the checkpoint of ${b.checkpointAt})` : `record ${b.seq} is altered`;
    case 'relinked':
      return `record ${b.seq} is relinked`;
  }
}

/** `audit verify`: the hash chain checked against the key and the checkpoints kept outside the database. */
export const auditCommand: CliCommand = {
  name: 'audit',
  usage: ["audit verify                     check the audit log's hash chain"],
  run: async (config, [sub]) => {
    if (sub !== 'verify') throw new CliError('usage: gongkai audit verify');
    return withDb(config, async (ctx) => {
      const result = await verifyAuditChain(ctx).catch((err: unknown) => {
        throw err instanceof AuditKeyError ? new CliError(err.message) : err;
      });
      if (result.ok) {
        console.log(`ok ${result.count} records`);
        return;
      }
      throw new CliError(`audit chain broken after ${result.count} intact records: ${describeBreak(result.break!)}`);
    });
  },
};
