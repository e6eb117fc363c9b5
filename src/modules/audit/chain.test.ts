import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditKey,
  checkEnd,
  checkpointLine,
  checkRecords,
  GENESIS_HASH,
  legacyHash,
  readCheckpoint,
  sealedHash,
  startChain,
  type AuditKey,
  type ChainedRecord,
  type Checkpoint,
} from './chain.js';

type Row = ChainedRecord & { hash: string };

const KEY = auditKey(crypto.randomBytes(32));
const OTHER_KEY = auditKey(crypto.randomBytes(32));

function record(seq: number, prev: string, keyId: string | null, action = `test.${seq}`): ChainedRecord {
  return {
    seq,
    at: `2026-03-02T02:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    actor_id: null,
    actor_name: 'system',
    actor_roles: null,
    action,
    object_type: null,
    object_id: null,
    org_path: null,
    summary: JSON.stringify({ seq }),
    ip: null,
    request_id: null,
    outcome: 'success',
    prev_hash: prev,
    key_id: keyId,
  };
}

/** `plain` records of the era before keys, then `sealed` ones under `key`, chained as appendAudits does. */
function chain(plain: number, sealed: number, key: AuditKey = KEY): Row[] {
  const rows: Row[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= plain + sealed; seq++) {
    const r = record(seq, prev, seq > plain ? key.id : null);
    prev = r.key_id ? sealedHash(key, r) : legacyHash(r);
    rows.push({ ...r, hash: prev });
  }
  return rows;
}

/** What an attacker without the key does: change one record and recompute every hash after it. */
function rewrite(rows: Row[], seq: number, hashWith: (r: ChainedRecord) => { hash: string; key_id: string | null }): Row[] {
  const out = rows.slice(0, seq - 1);
  let prev = out.length ? out[out.length - 1]!.hash : GENESIS_HASH;
  for (const r of rows.slice(seq - 1)) {
    const changed = { ...r, prev_hash: prev, action: r.seq === seq ? 'forged' : r.action };
    const sealed = hashWith(changed);
    prev = sealed.hash;
    out.push({ ...changed, ...sealed });
  }
  return out;
}

function checkpoint(key: AuditKey, row: Row): Checkpoint {
  const reading = readCheckpoint(key, checkpointLine(key, row, '2026-03-02T03:00:00.000Z'));
  if (!reading.ok) throw new Error('own checkpoint unreadable');
  return reading.checkpoint;
}

function verify(rows: Row[], checkpoints: Checkpoint[] = [], key = KEY, pageSize = 7) {
  const state = startChain(key, checkpoints);
  for (let i = 0; i < rows.length; i += pageSize) {
    const brk = checkRecords(state, rows.slice(i, i + pageSize));
    if (brk) return { count: state.count, break: brk };
  }
  return { count: state.count, break: checkEnd(state) };
}

describe('the keyed audit chain', () => {
  it('verifies a sealed chain, and plain records from before keys followed by sealed ones', () => {
    expect(verify(chain(0, 20))).toEqual({ count: 20, break: null });
    expect(verify(chain(12, 20))).toEqual({ count: 32, break: null });
    expect(verify(chain(12, 0))).toEqual({ count: 12, break: null });
  });

  it('finds a sealed record rewritten and re-hashed with plain SHA-256 or with another key', () => {
    const rows = chain(5, 20);
    const plain = rewrite(rows, 10, (r) => ({ key_id: null, hash: legacyHash({ ...r, key_id: null }) }));
    expect(verify(plain).break).toEqual({ seq: 10, problem: 'altered' });
    const sameId = rewrite(rows, 10, (r) => ({ key_id: KEY.id, hash: sealedHash(OTHER_KEY, r) }));
    expect(verify(sameId).break).toEqual({ seq: 10, problem: 'altered' });
    const otherId = rewrite(rows, 10, (r) => ({ key_id: OTHER_KEY.id, hash: sealedHash(OTHER_KEY, { ...r, key_id: OTHER_KEY.id }) }));
    expect(verify(otherId).break).toEqual({ seq: 10, problem: 'altered' });
  });

  it('finds a plain record of before keys rewritten: the first sealed record covers their tail', () => {
    const rows = chain(8, 10);
    const forged = rewrite(rows, 3, (r) => ({ key_id: r.key_id, hash: r.key_id ? sealedHash(OTHER_KEY, r) : legacyHash(r) }));
    expect(verify(forged).break).toEqual({ seq: 9, problem: 'altered' });
  });

  it('finds a whole log re-hashed as if it had never been sealed, through the checkpoints', () => {
    const rows = chain(3, 20);
    const downgraded = rewrite(rows, 1, (r) => ({ key_id: null, hash: legacyHash({ ...r, key_id: null }) }));
    expect(verify(downgraded).break).toBeNull(); // without an anchor outside the database, nothing can tell
    expect(verify(downgraded, [checkpoint(KEY, rows[14]!)]).break).toEqual({
      seq: 15,
      problem: 'altered',
      checkpointAt: '2026-03-02T03:00:00.000Z',
    });
  });

  it('finds records cut off the end after a checkpoint vouched for them', () => {
    const rows = chain(0, 100);
    const checkpoints = [checkpoint(KEY, rows[39]!), checkpoint(KEY, rows[99]!)];
    expect(verify(rows, checkpoints)).toEqual({ count: 100, break: null });
    expect(verify(rows.slice(0, 50), checkpoints)).toEqual({
      count: 50,
      break: { seq: 51, problem: 'truncated', checkpointSeq: 100, checkpointAt: '2026-03-02T03:00:00.000Z' },
    });
  });

  it('reports gaps and relinks as before', () => {
    const rows = chain(0, 10);
    expect(verify([...rows.slice(0, 4), ...rows.slice(5)]).break).toEqual({ seq: 6, problem: 'missing', expectedSeq: 5 });
    const relinked = rows.map((r) => (r.seq === 6 ? { ...r, prev_hash: rows[2]!.hash } : r));
    expect(verify(relinked).break).toEqual({ seq: 6, problem: 'relinked' });
  });

  it('names a chain sealed with another key than the configured one', () => {
    expect(verify(chain(2, 5, OTHER_KEY)).break).toEqual({ seq: 3, problem: 'wrong-key', keyId: OTHER_KEY.id });
  });
});

describe('checkpoint lines', () => {
  const rows = chain(0, 3);
  const line = checkpointLine(KEY, rows[2]!, '2026-03-02T03:00:00.000Z');

  it('are read back with their key', () => {
    expect(readCheckpoint(KEY, line)).toEqual({ ok: true, checkpoint: { ...JSON.parse(line) } });
  });

  it('are refused when edited, unreadable or sealed with another key', () => {
    const edited = JSON.stringify({ ...JSON.parse(line), seq: 2 });
    expect(readCheckpoint(KEY, edited)).toEqual({ ok: false, problem: 'forged-checkpoint', seq: 2 });
    expect(readCheckpoint(KEY, '{"seq":3,"hash":')).toEqual({ ok: false, problem: 'forged-checkpoint', seq: 0 });
    expect(readCheckpoint(KEY, JSON.stringify({ seq: 1 }))).toEqual({ ok: false, problem: 'forged-checkpoint', seq: 1 });
    expect(readCheckpoint(OTHER_KEY, line)).toEqual({ ok: false, problem: 'wrong-key', seq: 3, keyId: KEY.id });
  });
});
