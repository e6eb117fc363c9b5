import { describe, expect, it } from 'vitest';
import { makeCard, makeId, tagEvents } from '../../../test/support/risk.js';
import { htmlRangeToText, htmlToScanText } from './html.js';
import { maskHtml, maskText, maskValue } from './masking.js';
import { scanHtml, scanText } from './scanner.js';

describe('maskValue', () => {
  it('masks in a public copy an ID with a wrong check character and addresses typed in full width', () => {
    const text = '身份证 110105194912310021，邮箱 ｚｈａｎｇｓａｎ＠１６３。ｃｏｍ 或 li﹫qq.com';
    expect(maskText(text, scanText(text))).toBe('身份证 110105********0021，邮箱 ｚ***＠１６３。ｃｏｍ 或 l***﹫qq.com');
  });

  it('masks IDs as first 6 + stars + last 4', () => {
    expect(maskValue('id-card', '11010519491231002X')).toBe('110105********002X');
    expect(maskValue('id-card', '110105491231002')).toBe('110105*****1002');
    expect(maskValue('id-card', '110105 19491231 002X')).toBe('110105 ******** 002X');
  });
  it('masks mobiles as 138****1234, keeping +86 and separators', () => {
    expect(maskValue('mobile', '13812341234')).toBe('138****1234');
    expect(maskValue('mobile', '+8613812341234')).toBe('+86138****1234');
    expect(maskValue('mobile', '86-13812341234')).toBe('86-138****1234');
    expect(maskValue('mobile', '138 1234 1234')).toBe('138 **** 1234');
  });
  it('masks cards, credit codes, e-mail and landlines', () => {
    expect(maskValue('bank-card', '6222021234567890128')).toBe('6222***********0128');
    expect(maskValue('bank-card', '6222 0212 3456 7890')).toBe('6222 **** **** 7890');
    expect(maskValue('credit-code', '914403001922038216')).toBe('914403********8216');
    expect(maskValue('email', 'zhangsan@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(maskValue('email', 'li＠mail.cn')).toBe('l***＠mail.cn');
    expect(maskValue('landline', '010-12345678')).toBe('010-****78');
    expect(maskValue('landline', '0571-87000000转123')).toBe('0571-****00转123');
    expect(maskValue('landline', '(021)62345678')).toBe('(021)****78');
  });
  it('keeps full-width digits it does not hide', () => {
    expect(maskValue('mobile', '１３８１２３４１２３４')).toBe('１３８****１２３４');
  });
  it('leaves sensitive words alone', () => {
    expect(maskValue('sensitive-word', '内部资料')).toBe('内部资料');
  });
});

describe('maskText', () => {
  it('masks at the offsets, right to left, and nothing else', () => {
    const id = makeId('11010519491231002');
    const text = `张三${id}，电话13800138000，内部资料。`;
    const masked = maskText(text, scanText(text));
    expect(masked).toBe('张三110105********002X，电话138****8000，内部资料。');
  });
  it('leaves a finding alone when the text changed since the scan', () => {
    const text = '电话13800138000';
    const stale = scanText(text);
    expect(maskText(`新${text}`, stale)).toBe(`新${text}`);
  });
  it('masks credit codes only when asked', () => {
    const text = '代码 914403001922038216';
    expect(maskText(text, scanText(text))).toBe(text);
    expect(maskText(text, scanText(text), { kinds: ['credit-code'] })).toBe('代码 914403********8216');
  });
});

describe('HTML text map', () => {
  it('decodes entities, skips tags and separates blocks', () => {
    const st = htmlToScanText('<p>A&amp;B&nbsp;<b>1</b>2</p><p>3<br>4</p><script>x</script>');
    expect(st.text).toBe('A&B\u00a012\n3\n4\n');
    // "&" came from "&amp;" (offsets 4–9)
    expect([st.starts[1], st.ends[1]]).toEqual([4, 9]);
    expect(htmlRangeToText(st, 4, 9)).toEqual({ start: 1, end: 2 });
  });
});

describe('scanHtml and maskHtml', () => {
  const id = makeId('11010519491231002');
  it('reports offsets into the HTML', () => {
    const html = `<p class="x">身份证：${id}</p>`;
    const [f] = scanHtml(html);
    expect(html.slice(f!.start, f!.end)).toBe(id);
  });
  it('finds values written with entities and masks them without breaking the markup', () => {
    const html = `<p>电话&#49;3800138000 邮箱 a&#64;b.cn &amp; 更多</p>`;
    const found = scanHtml(html);
    expect(found.map((f) => f.kind)).toEqual(['mobile', 'email']);
    expect(maskHtml(html, found)).toBe('<p>电话138****8000 邮箱 a***@b.cn &amp; 更多</p>');
  });
  it('finds a value split by inline tags and masks each run in place', () => {
    const html = `<p>身份证<b>${id.slice(0, 4)}</b><span style="color:red">${id.slice(4, 10)}</span>${id.slice(10)}。</p>`;
    const found = scanHtml(html);
    expect(found.map((f) => f.kind)).toEqual(['id-card']);
    expect(found[0]!.excerpt).toBe('身份证110105********002X。');
    const masked = maskHtml(html, found);
    expect(masked).toBe('<p>身份证<b>1101</b><span style="color:red">05****</span>****002X。</p>');
    expect(tagEvents(masked)).toEqual(tagEvents(html));
  });
  it('puts a shorter mask in the first run when a split value changes length', () => {
    const html = '<p>座机<i>0571</i>-87000000</p>';
    const masked = maskHtml(html, scanHtml(html));
    expect(masked).toBe('<p>座机<i>0571-****00</i></p>');
  });
  it('does not join numbers across paragraphs, cells or line breaks', () => {
    const html = `<table><tr><td>1380013</td><td>8000</td></tr></table><p>${id.slice(0, 9)}</p><p>${id.slice(9)}</p>1380<br>0138000`;
    expect(scanHtml(html)).toEqual([]);
  });
  it('does not scan attributes or scripts', () => {
    const html = `<a href="mailto:a@b.cn" title="${id}">联系我们</a><script>var t="13800138000"</script>`;
    expect(scanHtml(html)).toEqual([]);
  });
  it('keeps the HTML well-formed and untouched outside the findings', () => {
    const card = makeCard('622202123456789');
    const html =
      `<h2 id="t">通知</h2><p>申请人：张三（身份证号 <strong>${id}</strong>），银行卡 ${card}，` +
      `手机 <a href="tel:13800138000">13800138000</a>。</p><table><tr><td>0571-87000000</td></tr></table>`;
    const masked = maskHtml(html, scanHtml(html));
    expect(tagEvents(masked)).toEqual(tagEvents(html));
    expect(masked).toBe(
      `<h2 id="t">通知</h2><p>申请人：张三（身份证号 <strong>110105********002X</strong>），银行卡 6222********${card.slice(-4)}，` +
        '手机 <a href="tel:13800138000">138****8000</a>。</p><table><tr><td>0571-****00</td></tr></table>',
    );
  });
});
