import crypto from 'node:crypto';

/** Pure hash-chain rules of the audit log: each record's hash covers its content and the previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedRecord {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  org_path: string | null;
  summary: string | null;
  ip: string | null;
  request_id: string | null;
  outcome: string;
  prev_hash: string;
}

export function recordHash(r: ChainedRecord): string {
  const canonical = JSON.stringify([
    r.seq,
    r.at,
    r.actor_id,
    r.actor_name,
    r.actor_roles,
    r.action,
    r.object_type,
    r.object_id,
    r.org_path,
    r.summary,
    r.ip,
    r.request_id,
    r.outcome,
    r.prev_hash,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  | { seq: number; problem: 'missing'; expectedSeq: number }
  | { seq: number; problem: 'altered' }
  | { seq: number; problem: 'relinked' };

/**
 * Walks records in seq order and reports the first break. `state` carries the position between
 * pages so a long log is verified without loading it at once.
 */
export interface ChainState {
  expectedSeq: number;
  prevHash: string;
  count: number;
}

export function startChain(): ChainState {
  return { expectedSeq: 1, prevHash: GENESIS_HASH, count: 0 };
}

export function checkRecords(state: ChainState, records: Iterable<ChainedRecord & { hash: string }>): ChainBreak | null {
  for (const r of records) {
    if (r.seq !== state.expectedSeq) return { seq: r.seq, problem: 'missing', expectedSeq: state.expectedSeq };
    if (r.prev_hash !== state.prevHash) return { seq: r.seq, problem: 'relinked' };
    if (recordHash(r) !== r.hash) return { seq: r.seq, problem: 'altered' };
    state.expectedSeq = r.seq + 1;
    state.prevHash = r.hash;
    state.count++;
  }
  return null;
}
