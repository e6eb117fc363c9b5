import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the username is unknown so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  return dummyHash;
}

const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'qwerty123', 'qwertyuiop', '1234567890', '12345678910',
  'abc123456', 'admin123', 'admin@123', 'administrator', 'iloveyou', 'woaini1314', 'a123456789', 'qq123456789',
  'p@ssw0rd', 'p@ssword1', 'welcome123', 'changeme', 'letmein123',
]);

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Password rules (等保 2.0 identity authentication): at least 10 characters, at least three of
 * lower-case, upper-case, digits and symbols, not containing the username, not a common password.
 * Returns the reason in Chinese, or null when the password is acceptable.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (password.length > 128) return '密码不能超过 128 个字符';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '密码过于常见，请更换';
  return null;
}

// Without look-alikes (0/O, 1/l/I), so the password survives being read out or copied by hand.
const OTP_GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789'] as const;
const OTP_ALPHABET = OTP_GROUPS.join('');

/**
 * A one-time password for a reset: 16 random characters in four groups joined by '-' (about 90 bits), with an
 * upper-case letter, a lower-case letter and a digit, so it meets the rules it has to replace itself under.
 */
export function generateOneTimePassword(username: string): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => OTP_ALPHABET[crypto.randomInt(OTP_ALPHABET.length)]!);
    const text = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (OTP_GROUPS.every((g) => [...text].some((c) => g.includes(c))) && passwordProblem(text, username) === null) return text;
  }
}

/**
 * What is wrong with a new password that replaces `current` (the current password, or a one-time password):
 * the rules, then that it is not the same again; null when it will do.
 */
export function replacementProblem(next: string, current: string, username: string, currentName: '当前密码' | '一次性密码'): string | null {
  return passwordProblem(next, username) ?? (next === current ? `新密码不能与${currentName}相同` : null);
}
