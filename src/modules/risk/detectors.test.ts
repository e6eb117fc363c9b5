import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../organisations/codes.js';
import {
  DEFAULT_LEVELS,
  detectBankCards,
  detectCreditCodes,
  detectEmails,
  detectIdCards,
  detectLandlines,
  detectMobiles,
  detectPersonalData,
  idCardCheckChar,
  isValidIdCard15,
  isValidIdCard18,
  luhnValid,
  resolveLevels,
  type RawFinding,
  UNVERIFIED_ID_NOTE,
} from './detectors.js';
import { atLeast, isBlocking, maxLevel, RISK_LEVELS } from './levels.js';
import { makeCard, makeId, wrongCard, wrongId } from '../../../test/support/risk.js';

const kinds = (fs: RawFinding[]): string[] => fs.map((f) => `${f.kind}:${f.value}`);

describe('levels', () => {
  it('orders 轻微 < 一般 < 较大 < 重大 and blocks from 较大', () => {
    expect(RISK_LEVELS).toEqual(['轻微', '一般', '较大', '重大']);
    expect(atLeast('较大', '一般')).toBe(true);
    expect(atLeast('一般', '较大')).toBe(false);
    expect(atLeast('重大', '重大')).toBe(true);
    expect(RISK_LEVELS.map(isBlocking)).toEqual([false, false, true, true]);
    expect(maxLevel('轻微', '较大')).toBe('较大');
  });
  it('lets callers override levels but never puts ID or bank card under 较大', () => {
    const t = resolveLevels({ 'id-card': '轻微', 'bank-card': '一般', landline: '轻微', mobile: '重大' });
    expect(t['id-card']).toBe('较大');
    expect(t['bank-card']).toBe('较大');
    expect(t.landline).toBe('轻微');
    expect(t.mobile).toBe('重大');
    expect(resolveLevels()).toEqual(DEFAULT_LEVELS);
  });
});

describe('身份证号', () => {
  it('computes the GB 11643 check character', () => {
    // The standard's own example 11010519491231002X.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard18('11010519491231002X')).toBe(true);
    expect(isValidIdCard18('11010519491231002x')).toBe(true);
    const id = makeId('44030419900307351');
    expect(isValidIdCard18(id)).toBe(true);
    expect(isValidIdCard18(wrongId('44030419900307351'))).toBe(false);
  });
  it('finds valid 18-digit IDs, lower-case x and 6-8-4 spacing included', () => {
    const a = makeId('44030419900307351');
    const text = `张三 ${a}，李四：11010519491231002x；王五 110105 19491231 002X。`;
    expect(kinds(detectIdCards(text))).toEqual([`id-card:${a}`, 'id-card:11010519491231002x', 'id-card:110105 19491231 002X']);
    const f = detectIdCards(text)[0]!;
    expect(text.slice(f.start, f.end)).toBe(a);
  });
  it('reports an ID with a wrong check character one level lower, with a note: a mistyped ID is still an ID', () => {
    const typo = wrongId('44030419900307351');
    expect(kinds(detectIdCards(`身份证 ${typo}`))).toEqual([`id-card:${typo}`]);
    // GB 11643's own example with its X replaced, lower-case x where 9 belongs, and the 6-8-4 spacing.
    const withX = `${'44030419900307351'}${idCardCheckChar('44030419900307351') === 'X' ? '1' : 'x'}`;
    const text = `申请人 110105194912310021，代理人 ${withX}；另 110105 19491231 0021。`;
    const found = detectPersonalData(text);
    expect(kinds(found)).toEqual(['id-card:110105194912310021', `id-card:${withX}`, 'id-card:110105 19491231 0021']);
    expect(found.map((f) => [f.level, f.note])).toEqual(Array(3).fill(['较大', UNVERIFIED_ID_NOTE]));
    // A proven ID keeps its level and has no note; a configured lower level lowers both, never under 一般.
    expect(detectPersonalData('11010519491231002X').map((f) => [f.level, f.note])).toEqual([['重大', undefined]]);
    expect(detectPersonalData('110105194912310021', resolveLevels({ 'id-card': '较大' }))[0]!.level).toBe('一般');
  });
  it('leaves to credit codes and cards the 18-digit numbers their own checksums prove, though they look like IDs', () => {
    // 91 (a 9x area), 1101, born 1990-03-07, then a sequence whose GB 32100 check character is a digit but not the ID's.
    const code = Array.from({ length: 1000 }, (_, i) => `91110119900307${String(i).padStart(3, '0')}`)
      .map((first17) => first17 + creditCodeCheckChar(first17))
      .find((c) => /\d$/.test(c) && idCardCheckChar(c.slice(0, 17)) !== c[17])!;
    expect(kinds(detectPersonalData(`统一社会信用代码 ${code}`))).toEqual([`credit-code:${code}`]);
    const card = Array.from({ length: 1000 }, (_, i) => makeCard(`1101051990030712${i % 10}`))
      .find((c) => idCardCheckChar(c.slice(0, 17)) !== c[17])!;
    expect(kinds(detectPersonalData(`卡号 ${card}`))).toEqual([`bank-card:${card}`]);
  });
  it('does not report an impossible date or an unknown province', () => {
    expect(detectIdCards(`身份证 ${makeId('44030419900230351')}`)).toEqual([]); // 30 February
    expect(detectIdCards(`身份证 ${makeId('99030419900307351').replace(/^99/, '00')}`)).toEqual([]);
    expect(detectIdCards(`身份证 ${makeId('19030419900307351')}`)).toEqual([]); // 19: no such province
  });
  it('finds the 15-digit form only with a real date', () => {
    expect(isValidIdCard15('110105491231002')).toBe(true);
    expect(isValidIdCard15('110105490231002')).toBe(false); // 31 February 1949
    expect(isValidIdCard15('110105000229002')).toBe(false); // 1900 was not a leap year
    expect(isValidIdCard15('110105960229002')).toBe(true); // 1996 was
    expect(kinds(detectIdCards('旧证 110105491231002 号'))).toEqual(['id-card:110105491231002']);
    expect(detectIdCards('旧证 110105491331002 号')).toEqual([]);
  });
  it('does not match inside a longer run of digits or letters', () => {
    const id = makeId('11010519491231002');
    expect(detectIdCards(`9${id}`)).toEqual([]);
    expect(detectIdCards(`${id}7`)).toEqual([]);
    expect(detectIdCards(`A${id}`)).toEqual([]);
    expect(detectIdCards(`${id}B`)).toEqual([]);
  });
  it('reads full-width digits and keeps the original offsets', () => {
    const id = '１１０１０５１９４９１２３１００２Ｘ';
    const text = `号码：${id}。`;
    const [f] = detectIdCards(text);
    expect(f).toMatchObject({ kind: 'id-card', start: 3, end: 21, value: id });
  });
});

describe('mobile numbers', () => {
  it('finds plain, +86, 86-, 86 and 3-4-4 grouped forms', () => {
    const text = '甲13800138000，乙+8613912345678，丙86-15012345678，丁+86 18612345678，戊138 0013 8000，己138-0013-8000。';
    expect(kinds(detectMobiles(text))).toEqual([
      'mobile:13800138000',
      'mobile:+8613912345678',
      'mobile:86-15012345678',
      'mobile:+86 18612345678',
      'mobile:138 0013 8000',
      'mobile:138-0013-8000',
    ]);
  });
  it('ignores numbers in longer digit runs and 12x prefixes', () => {
    expect(detectMobiles('流水号 2013800138000 与 138001380001')).toEqual([]);
    expect(detectMobiles('12345678901')).toEqual([]);
    expect(detectMobiles('x13800138000')).toEqual([]);
  });
});

describe('bank cards', () => {
  const c16 = makeCard('622202123456789');
  const c19 = makeCard('622848001234567890');
  it('finds Luhn-valid 16–19-digit numbers', () => {
    expect(kinds(detectBankCards(`卡号${c16}，另一张${c19}`))).toEqual([`bank-card:${c16}`, `bank-card:${c19}`]);
  });
  it('does not report numbers failing Luhn or of another length', () => {
    expect(detectBankCards(`卡号${wrongCard('622202123456789')}`)).toEqual([]);
    expect(detectBankCards(`卡号${makeCard('62220212345678')}`)).toEqual([]); // 15 digits
    expect(detectBankCards(`卡号${makeCard('6222021234567890123')}`)).toEqual([]); // 20 digits
    expect(detectBankCards('0000000000000000')).toEqual([]); // all one digit passes Luhn but is filler
  });
  it('finds numbers grouped by fours with spaces or hyphens, not a longer grouped run', () => {
    const g19 = c19.replace(/(\d{4})(?=\d)/g, '$1 ');
    const g16 = c16.replace(/(\d{4})(?=\d)/g, '$1-');
    expect(g19).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{3}$/);
    expect(kinds(detectBankCards(`卡号：${g19}。卡号：${g16}。`))).toEqual([`bank-card:${g19}`, `bank-card:${g16}`]);
    expect(detectBankCards(`${g16}-1234`)).toEqual([]);
    expect(detectBankCards(`1234 ${g19.slice(0, 19)}`)).toEqual([]);
    expect(detectBankCards(c16.replace(/(\d{4})(?=\d)/g, '$1 ').replace(/ /, '-'))).toEqual([]); // mixed separators
  });
  it('computes Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('41x1')).toBe(false);
  });
});

describe('统一社会信用代码', () => {
  it('reports valid codes (轻微 by default) and not a wrong check character', () => {
    const text = '国务院办公厅 11100000000013127D；华为 914403001922038216；错 11100000000013127E。';
    const found = detectCreditCodes(text);
    expect(kinds(found)).toEqual(['credit-code:11100000000013127D', 'credit-code:914403001922038216']);
    expect(found[0]!.level).toBe('轻微');
  });
  it('finds the code in an index number without inventing anything from its serial', () => {
    const code = `11330100MB0A0000X${creditCodeCheckChar('11330100MB0A0000X')!}`;
    const found = detectPersonalData(`索引号：${code}/2025-00001`);
    expect(kinds(found)).toEqual([`credit-code:${code}`]);
  });
});

describe('e-mail', () => {
  it('finds addresses, full-width @ included', () => {
    const text = '联系 zhang.san+gk@example.gov.cn 或 li_si＠mail.hz.gov.cn。';
    expect(kinds(detectEmails(text))).toEqual(['email:zhang.san+gk@example.gov.cn', 'email:li_si＠mail.hz.gov.cn']);
  });
  it('reads addresses typed with a Chinese input method: full-width letters, ＠ or ﹫, and 。｡．﹒ between the parts', () => {
    const text = '邮箱 ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ，或 li.si＠qq。com；wang_wu﹫hz﹒gov｡cn 谢谢。';
    expect(kinds(detectEmails(text))).toEqual(['email:ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ', 'email:li.si＠qq。com', 'email:wang_wu﹫hz﹒gov｡cn']);
    // A sentence's full stop after an address is not part of it.
    expect(kinds(detectEmails('请发至 a@b.cn。谢谢'))).toEqual(['email:a@b.cn']);
    expect(detectEmails('会议。请回复')).toEqual([]);
  });
  it('does not take a trailing full stop or a bare @', () => {
    expect(kinds(detectEmails('a@b.cn.'))).toEqual(['email:a@b.cn']);
    expect(detectEmails('@某某 请回复')).toEqual([]);
  });
});

describe('landlines', () => {
  it('finds 010-12345678, 0571-87000000转123, (021)62345678 and 02062345678', () => {
    const text = '电话010-12345678；0571-87000000转123；（021）62345678；02062345678；0755-8300000-801。';
    expect(kinds(detectLandlines(text))).toEqual([
      'landline:010-12345678',
      'landline:0571-87000000转123',
      'landline:（021）62345678',
      'landline:02062345678',
      'landline:0755-8300000-801',
    ]);
    expect(detectLandlines(text)[0]!.level).toBe('一般');
  });
  it('ignores local numbers without an area code and dates', () => {
    expect(detectLandlines('电话87000000，2025-01-01，0571-01234567')).toEqual([]);
  });
});

describe('detectPersonalData', () => {
  it('finds nothing in dates, document numbers and amounts', () => {
    const text =
      '国办发〔2025〕1号 浙政办发〔2024〕12号 2025年1月1日 20250101 2025-01-01 2025.01.01 ' +
      '金额 1234567890.12 元 第 20250101001 号 邮编 310000 项目编号 ZJ2025-0001-000123';
    expect(detectPersonalData(text)).toEqual([]);
  });
  it('keeps one finding where detectors overlap', () => {
    // A valid ID that is also Luhn-valid stays an ID.
    let id = '';
    for (let n = 1000; n < 2000 && !id; n++) {
      const candidate = makeId(`1101051949123${n}`);
      if (luhnValid(candidate)) id = candidate;
    }
    expect(id).not.toBe('');
    expect(kinds(detectPersonalData(`证件 ${id}`))).toEqual([`id-card:${id}`]);
    // A mobile inside an e-mail address is reported once, as the mobile.
    expect(kinds(detectPersonalData('邮箱 13800138000@139.com'))).toEqual(['mobile:13800138000']);
  });
  it('reports an 18-digit non-ID as a bank card only when Luhn-valid', () => {
    const body = '62220212345678901';
    const card = makeCard(body);
    expect(isValidIdCard18(card)).toBe(false);
    expect(kinds(detectPersonalData(`账号 ${card}`))).toEqual([`bank-card:${card}`]);
    expect(detectPersonalData(`账号 ${wrongCard(body)}`)).toEqual([]);
  });
  it('applies the level table and sorts by position', () => {
    const text = `电话010-12345678 身份证${makeId('11010519491231002')}`;
    const found = detectPersonalData(text, resolveLevels({ landline: '轻微' }));
    expect(found.map((f) => [f.kind, f.level])).toEqual([
      ['landline', '轻微'],
      ['id-card', '重大'],
    ]);
  });
});
