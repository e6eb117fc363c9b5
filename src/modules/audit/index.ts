/** The audit log: every change of state, appended in the changing transaction, in a keyed hash chain (docs/adr/0006). */
export { appendAudit, appendAudits, cliActor, recordAudit, SYSTEM_ACTOR, verifyAuditChain, type Actor, type AuditEntry } from './audit.js';
export type { ChainBreak } from './chain.js';
export { diff } from './diff.js';
export { AuditKeyError, AuditSeal } from './seal.js';
