import fc from 'fast-check';

/**
 * What a hostile tester types into every field: control characters, broken Unicode, markup, SQL and full-text
 * operators, traversal, format strings, numbers that are not numbers, and sizes no form expects.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '%00',
  '\ud800',
  'a\udc00b',
  '\udfff\ud800',
  '\u202eevil\u202c\u200b\u200d\ufeff',
  '\u0001\u001f\u007f\u0085\u2028\u2029',
  '\uffff\ufffe',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%',
  '%zz',
  '%_\\',
  '*',
  '"unclosed',
  'a AND OR NOT',
  'NEAR(a b',
  '(((',
  ')',
  '^a:b',
  'a & | ! <-> :*',
  '.*(a+)+$[',
  '%s%s%n${7*7}{{7*7}}',
  'ＡＢＣ１２３＠ｅｘａｍｐｌｅ．ｃｏｍ',
  '😀👨‍👩‍👧🇨🇳',
  'e\u0301\u0301\u0301İßﬁǅ',
  '的'.repeat(60),
  '中'.repeat(5000),
  'a'.repeat(70_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(400),
  '0x7fffffff',
  '2026-02-30',
  '0000-00-00T25:61:61Z',
  '__proto__',
  'constructor',
  'toString',
  'null',
  '{}',
  '[]',
  'javascript:alert(1)',
  '//evil.example/',
  'a\r\nSet-Cookie: x=1',
];

/** Characters one at a time, lone surrogates and control characters included. */
const hostileChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u200b', '\u202e', '\ufeff', '%', '\\', '"', "'", '<', '&', '的', 'Ａ'),
);

/** A hostile string: one of the corpus, a random one, or a corpus entry inside ordinary text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: hostileChar, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('政策', '2026', 'a'), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => `${a}${b}${a}`) },
);

/** An object whose own keys try to pollute prototypes (built by JSON.parse: a literal `__proto__` would set the prototype). */
export const POLLUTING = (): Record<string, unknown> =>
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}') as Record<string, unknown>;

function nested(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A value of the wrong type for wherever it is put. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, [], {}, [[]], [null], ['a', 'b']),
  fc.constant(null).map(() => POLLUTING()),
  fc.constant(null).map(() => nested(400)),
  fc.constant(null).map(() => ({ length: -1, toString: 'x', valueOf: 1 })),
  fc.array(hostileString, { maxLength: 3 }),
  hostileString,
);

/** A raw request body with its content type: what no JSON client would send. */
export interface RawBody {
  contentType: string | undefined;
  payload: string | Buffer;
}

const BOUNDARY = '----hostile7MA4YWxkTrZu0gW';
const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (name: string, filename: string, data: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${data}\r\n`;

/** Malformed JSON, wrong and lying content types. */
export const RAW_BODIES: readonly RawBody[] = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '{"a":' },
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: 'nul' },
  { contentType: 'application/json', payload: '"\u0000"' },
  { contentType: 'application/json', payload: '{"a":"\\ud800"}' },
  { contentType: 'application/json', payload: '{"__proto__":{"polluted":"yes"}}' },
  { contentType: 'application/json', payload: '{"constructor":{"prototype":{"polluted":"yes"}}}' },
  { contentType: 'application/json', payload: '['.repeat(200_000) },
  { contentType: 'application/json', payload: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) },
  { contentType: 'application/json', payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) },
  { contentType: 'application/json; charset=utf-16', payload: '{}' },
  { contentType: 'application/json; charset=nonsense', payload: '{}' },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&b=%00&c=%zz' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'title=%E0%A4%A&body=' + 'x'.repeat(300_000) },
  { contentType: undefined, payload: 'x' },
  { contentType: '', payload: '{}' },
  { contentType: 'application/json, text/html', payload: '{}' },
];

/** Multipart bodies that break the format: no boundary, a truncated part, no closing boundary, hostile names. */
export const RAW_MULTIPART: readonly RawBody[] = [
  { contentType: 'multipart/form-data', payload: part('title', 'x') + `--${BOUNDARY}--\r\n` },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\ntrunc` },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: filePart('file', 'a.pdf', '%PDF-1.4 truncated') },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: `--${BOUNDARY}\r\nno headers at all\r\n--${BOUNDARY}--\r\n` },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: '' },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: part('__proto__', 'x') + part('constructor', 'x') + part('a\u0000', '\u0000') + `--${BOUNDARY}--\r\n` },
  {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: filePart('file', '../../etc/passwd\u0000.pdf', '%PDF-1.4') + filePart('attachments', '<script>.png', 'MZ') + `--${BOUNDARY}--\r\n`,
  },
  { contentType: `multipart/form-data; boundary="${'b'.repeat(100)}"`, payload: `--${'b'.repeat(100)}--\r\n` },
  { contentType: 'multipart/form-data; boundary=', payload: '----\r\n' },
];

/**
 * Percent-encodes a string for a URL, lone surrogates included (as their WTF-8 bytes, which no UTF-8 decoder
 * accepts) — encodeURIComponent throws on them.
 */
export function encodePart(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

/** Raw query strings and path segments that are not valid percent-encoding at all. */
export const RAW_URL_PARTS: readonly string[] = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%FF%FE', '%ED%A0%80', '%00', '..%2F..%2Fetc%2Fpasswd', '%252e%252e'];

/** A query value: the string itself, or a number or boolean as the browser would write it. */
export function queryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}
