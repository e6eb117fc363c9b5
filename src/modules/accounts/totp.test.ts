import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpAt, verifyTotp } from './totp.js';

// RFC 6238 Appendix B test vectors (SHA-1, key "12345678901234567890"), truncated to 6 digits.
const KEY = Buffer.from('12345678901234567890');
const SECRET = base32Encode(KEY);
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    for (const [t, code] of VECTORS) {
      expect(hotp(KEY, Math.floor(t / 30), 8)).toBe(code);
      expect(totpAt(SECRET, new Date(t * 1000))).toBe(code.slice(2));
    }
  });
  it('round-trips base32', () => {
    expect(base32Decode(SECRET).equals(KEY)).toBe(true);
    expect(SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
  it('accepts one step of drift and refuses replays and junk', () => {
    const at = new Date(1111111111 * 1000);
    const code = totpAt(SECRET, at);
    const step = verifyTotp(SECRET, code, new Date(at.getTime() + 30_000), null);
    expect(step).toBe(Math.floor(1111111111 / 30));
    expect(verifyTotp(SECRET, code, at, step)).toBeNull();
    expect(verifyTotp(SECRET, code, new Date(at.getTime() + 120_000), null)).toBeNull();
    expect(verifyTotp(SECRET, '12345', at, null)).toBeNull();
    expect(verifyTotp(SECRET, 'abcdef', at, null)).toBeNull();
  });
});
