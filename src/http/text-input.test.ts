import { describe, expect, it } from 'vitest';
import { hasInvalidText, withoutInvalidText } from '../shared/text.js';
import { invalidTextFields, invalidUrlEncoded, parseFormBody } from './text-input.js';

describe('the input rule for text', () => {
  it('finds NUL and lone surrogates, and nothing in real text', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00', '\ud83d', '\ude00😀', '😀\ud83d']) expect(hasInvalidText(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ['', '公开', '😀', 'a\tb\nc', '𠀀𠀁', 'x\u0001y']) expect(hasInvalidText(good), JSON.stringify(good)).toBe(false);
    expect(withoutInvalidText('a\u0000😀\ud800b\udc00')).toBe('a😀b');
  });

  it('names every offending field of a decoded value, keys included, as validation names them', () => {
    expect(invalidTextFields({ title: 'ok', body: { parts: ['fine', 'a\u0000'] }, n: 3, flag: true, none: null })).toEqual(['body.parts.1']);
    expect(invalidTextFields({ ['k\u0000ey']: 'v' })).toEqual(['key']);
    expect(invalidTextFields('\ud800')).toEqual(['_']);
    expect(invalidTextFields({ data: Buffer.from([0, 0xed, 0xa0, 0x80]) })).toEqual([]);
  });

  it('decodes urlencoded text strictly: an escape that is not UTF-8 (an encoded surrogate) is refused', () => {
    expect(invalidUrlEncoded('q=%ED%A0%80&org=jc')).toEqual(['q']);
    expect(invalidUrlEncoded('q=a%00b')).toEqual(['q']);
    expect(invalidUrlEncoded('na%00me=x')).toEqual(['name']);
    expect(invalidUrlEncoded('%FF=1')).toEqual(['_']);
    expect(invalidUrlEncoded('q=%E5%85%AC%E5%BC%80&p=100%&x=%zz&flag&&y=a+b')).toEqual([]);
  });

  it('parses form bodies as the query string is parsed, after the rule', () => {
    const body = parseFormBody('a=1&b=%E5%85%AC+%E5%BC%80&a=2&c');
    expect({ ...body }).toEqual({ a: ['1', '2'], b: '公 开', c: '' });
    expect(() => parseFormBody('content=%00')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_text', fields: { content: expect.any(String) } }));
  });
});

describe('the input rule on a deeply nested body', () => {
  it('walks a JSON body nested deeper than the stack, in linear time', () => {
    const depth = 400_000;
    const deep: unknown = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    const started = performance.now();
    const fields = invalidTextFields(deep);
    expect(fields).toHaveLength(1);
    expect(fields[0]!.split('.')).toHaveLength(depth);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
