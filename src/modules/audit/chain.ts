import crypto from 'node:crypto';

/**
 * Pure chain rules of the audit log (docs/adr/0006-audit-log.md). Each record's hash covers its content and the
 * previous hash. Records written since keyed chaining are sealed with HMAC-SHA256 under a key kept outside the
 * database; older records keep their plain SHA-256 hash. Checkpoints — {seq, hash} of the head, sealed with the
 * same key and kept outside the database — vouch that the log reached that far with that content.
 */
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
  /** null: sealed with plain SHA-256 (written before keyed chaining). */
  key_id: string | null;
}

/** The HMAC key of the chain; `id` names it in records and checkpoints without revealing it. */
export interface AuditKey {
  id: string;
  secret: crypto.KeyObject;
}

export function auditKey(secret: Buffer): AuditKey {
  const key = crypto.createSecretKey(secret);
  return { id: crypto.createHmac('sha256', key).update('gongkai audit key id').digest('hex').slice(0, 16), secret: key };
}

function content(r: ChainedRecord): unknown[] {
  return [r.seq, r.at, r.actor_id, r.actor_name, r.actor_roles, r.action, r.object_type, r.object_id, r.org_path, r.summary, r.ip, r.request_id, r.outcome, r.prev_hash];
}

/** The unkeyed hash of records from before keyed chaining: anyone could recompute it, hence the key since. */
export function legacyHash(r: ChainedRecord): string {
  return crypto.createHash('sha256').update(JSON.stringify(content(r))).digest('hex');
}

/** The keyed hash; the version tag keeps it apart from checkpoint seals made with the same key. */
export function sealedHash(key: AuditKey, r: ChainedRecord): string {
  return crypto.createHmac('sha256', key.secret).update(JSON.stringify(['record-v2', ...content(r), r.key_id])).digest('hex');
}

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Id of the key that sealed the line. */
  key: string;
  mac: string;
}

function checkpointMac(key: AuditKey, c: Omit<Checkpoint, 'mac'>): string {
  return crypto.createHmac('sha256', key.secret).update(JSON.stringify(['checkpoint-v1', c.seq, c.hash, c.at, c.key])).digest('hex');
}

/** One line of the checkpoint log (no newline). */
export function checkpointLine(key: AuditKey, head: { seq: number; hash: string }, at: string): string {
  const c = { seq: head.seq, hash: head.hash, at, key: key.id };
  return JSON.stringify({ ...c, mac: checkpointMac(key, c) });
}

export type CheckpointReading =
  | { ok: true; checkpoint: Checkpoint }
  | { ok: false; problem: 'wrong-key'; seq: number; keyId: string }
  | { ok: false; problem: 'forged-checkpoint'; seq: number };

/** Reads one line: only a line sealed with our key vouches for anything. */
export function readCheckpoint(key: AuditKey, line: string): CheckpointReading {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(line) as Partial<Checkpoint>;
  } catch {
    return { ok: false, problem: 'forged-checkpoint', seq: 0 };
  }
  const seq = Number.isSafeInteger(c.seq) ? c.seq! : 0;
  if (typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.key !== 'string' || typeof c.mac !== 'string' || seq < 1) {
    return { ok: false, problem: 'forged-checkpoint', seq };
  }
  if (c.key !== key.id) return { ok: false, problem: 'wrong-key', seq, keyId: c.key };
  const expected = checkpointMac(key, { seq, hash: c.hash, at: c.at, key: c.key });
  if (c.mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(c.mac), Buffer.from(expected))) {
    return { ok: false, problem: 'forged-checkpoint', seq };
  }
  return { ok: true, checkpoint: c as Checkpoint };
}

export type ChainBreak =
  | { seq: number; problem: 'missing'; expectedSeq: number }
  /** The record's content does not match its hash or seal, or its hash differs from a checkpoint's (re-hashed). */
  | { seq: number; problem: 'altered'; checkpointAt?: string }
  | { seq: number; problem: 'relinked' }
  /** Records from `seq` on are gone though a checkpoint vouches for `checkpointSeq`. */
  | { seq: number; problem: 'truncated'; checkpointSeq: number; checkpointAt: string }
  /** The record or checkpoint is sealed with another key than the one configured. */
  | { seq: number; problem: 'wrong-key'; keyId: string }
  /** A line of the checkpoint log that our key did not seal. */
  | { seq: number; problem: 'forged-checkpoint' };

/**
 * Walks records in seq order and reports the first break. `state` carries the position between
 * pages so a long log is verified without loading it at once.
 */
export interface ChainState {
  key: AuditKey;
  expectedSeq: number;
  prevHash: string;
  count: number;
  /** A sealed record was seen: every later one must be sealed too (no downgrade to plain SHA-256). */
  sealed: boolean;
  /** Checkpoints sorted by seq, and the index of the next one to meet. */
  checkpoints: Checkpoint[];
  nextCheckpoint: number;
}

export function startChain(key: AuditKey, checkpoints: readonly Checkpoint[] = []): ChainState {
  return {
    key,
    expectedSeq: 1,
    prevHash: GENESIS_HASH,
    count: 0,
    sealed: false,
    checkpoints: [...checkpoints].sort((a, b) => a.seq - b.seq),
    nextCheckpoint: 0,
  };
}

function sealProblem(state: ChainState, r: ChainedRecord & { hash: string }): ChainBreak | null {
  if (r.key_id === null) {
    // A plain record after a sealed one is a downgrade: someone recomputed hashes without the key.
    return state.sealed || legacyHash(r) !== r.hash ? { seq: r.seq, problem: 'altered' } : null;
  }
  if (r.key_id !== state.key.id) {
    return state.sealed ? { seq: r.seq, problem: 'altered' } : { seq: r.seq, problem: 'wrong-key', keyId: r.key_id };
  }
  return sealedHash(state.key, r) !== r.hash ? { seq: r.seq, problem: 'altered' } : null;
}

export function checkRecords(state: ChainState, records: Iterable<ChainedRecord & { hash: string }>): ChainBreak | null {
  for (const r of records) {
    if (r.seq !== state.expectedSeq) return { seq: r.seq, problem: 'missing', expectedSeq: state.expectedSeq };
    if (r.prev_hash !== state.prevHash) return { seq: r.seq, problem: 'relinked' };
    const problem = sealProblem(state, r);
    if (problem) return problem;
    for (; state.nextCheckpoint < state.checkpoints.length; state.nextCheckpoint++) {
      const c = state.checkpoints[state.nextCheckpoint]!;
      if (c.seq > r.seq) break;
      if (c.hash !== r.hash) return { seq: r.seq, problem: 'altered', checkpointAt: c.at };
    }
    state.sealed ||= r.key_id !== null;
    state.expectedSeq = r.seq + 1;
    state.prevHash = r.hash;
    state.count++;
  }
  return null;
}

/** After the last record: a checkpoint beyond it means the log was cut short. */
export function checkEnd(state: ChainState): ChainBreak | null {
  const last = state.checkpoints[state.checkpoints.length - 1];
  if (!last || last.seq < state.expectedSeq) return null;
  return { seq: state.expectedSeq, problem: 'truncated', checkpointSeq: last.seq, checkpointAt: last.at };
}
