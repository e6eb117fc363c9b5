import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCard, makeId, tagEvents } from '../../../test/support/risk.js';
import { isPiiKind } from './detectors.js';
import { htmlRangeToText, htmlToScanText } from './html.js';
import { maskHtml, maskText, maskValue } from './masking.js';
import { scanHtml, scanText } from './scanner.js';

const PROVINCES = ['11', '12', '13', '31', '32', '33', '44', '50', '51', '65', '81'];

/** A valid 18-character ID: real province, real birth date 1900–2025, check character computed. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
    return makeId(`${province}${String(area).padStart(4, '0')}${ymd}${String(seq).padStart(3, '0')}`);
  });

/** Chinese text: CJK ideographs and Chinese punctuation only, so nothing in it can be a finding. */
const chinese = fc
  .array(fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), fc.constantFrom('，', '。', '：', '（', '）')), {
    maxLength: 40,
  })
  .map((cs) => cs.join(''));

/** Text likely to contain findings and near-misses: numbers, separators, letters, Chinese. */
const noisyText = fc
  .array(
    fc.oneof(
      chinese,
      validId,
      fc.constantFrom('13800138000', '+86 139-1234-5678', '010-12345678', '0571-87000000转123', 'a.b@example.cn', '914403001922038216'),
      fc.constantFrom(makeCard('622202123456789'), makeCard('622848001234567890')),
      fc.stringMatching(/^[0-9 \-@.x]{0,20}$/),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** The text with each finding replaced by its mask: what maskText must produce. */
function expectedMasked(text: string, ranges: { kind: string; start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (!isPiiKind(r.kind) || r.kind === 'credit-code') continue;
    out += text.slice(at, r.start) + maskValue(r.kind, text.slice(r.start, r.end));
    at = r.end;
  }
  return out + text.slice(at);
}

describe('properties', () => {
  it('a valid ID in Chinese text is always found, exactly where it is, and masked', () => {
    fc.assert(
      fc.property(chinese, validId, chinese, (before, id, after) => {
        const text = before + id + after;
        const found = scanText(text);
        expect(found.map((f) => [f.kind, f.start, f.end])).toEqual([['id-card', before.length, before.length + 18]]);
        expect(found[0]!.excerpt).not.toContain(id);
        expect(maskText(text, found)).toBe(`${before}${id.slice(0, 6)}********${id.slice(14)}${after}`);
      }),
    );
  });

  it('the same holds in HTML, with the ID split by an inline tag anywhere', () => {
    fc.assert(
      fc.property(chinese, validId, chinese, fc.integer({ min: 1, max: 17 }), (before, id, after, cut) => {
        const html = `<p>${before}</p><p>${before}${id.slice(0, cut)}<span>${id.slice(cut)}</span>${after}</p>`;
        const found = scanHtml(html);
        expect(found.map((f) => f.kind)).toEqual(['id-card']);
        const masked = maskHtml(html, found);
        expect(tagEvents(masked)).toEqual(tagEvents(html));
        const masked6 = `${id.slice(0, 6)}********${id.slice(14)}`;
        expect(htmlToScanText(masked).text).toBe(htmlToScanText(html).text.replace(id, masked6));
      }),
    );
  });

  it('masking plain text changes the findings and nothing else', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        const found = scanText(text);
        expect(maskText(text, found)).toBe(expectedMasked(text, found));
      }),
    );
  });

  it('masking HTML keeps every tag and changes the visible text only inside findings', () => {
    const fragment = fc.oneof(
      noisyText,
      noisyText.map((t) => `<b>${t}</b>`),
      noisyText.map((t) => `<p class="a">${t}</p>`),
      fc.constantFrom('&amp;', '&#49;', '&nbsp;', '<br>', '&lt;x&gt;'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 6 }), (parts) => {
        const html = parts.join('');
        const found = scanHtml(html);
        const masked = maskHtml(html, found);
        expect(tagEvents(masked)).toEqual(tagEvents(html));
        const st = htmlToScanText(html);
        const textRanges = found.map((f) => ({ kind: f.kind, ...htmlRangeToText(st, f.start, f.end)! }));
        expect(htmlToScanText(masked).text).toBe(expectedMasked(st.text, textRanges));
      }),
    );
  });
});
