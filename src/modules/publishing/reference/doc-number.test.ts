import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, docNumberSearchKey, normaliseDocNumber, parseDocNumber } from './doc-number.js';

describe('parseDocNumber: standard numbers', () => {
  const variants = [
    '国办发[2017]47号',
    '国办发【2017】47号',
    '国办发(2017)47号',
    '国办发（2017）47号',
    '国办发〔2017〕47号',
    '国办发〖2017〗47号',
    '国办发［2017］47号',
    '国办发 2017 47号',
    '国办发2017年47号',
    '国办发〔２０１７〕４７号',
    '  国办发 〔 2017 〕 47 号 ',
    '国办发\u3000〔2017〕\u300047号',
    '国办发〔2017〕047号',
    '国办发〔2017〕第47号',
    '国办发〔2017〕47',
    '国办发2017年第47号',
  ];
  for (const v of variants) {
    it(`folds ${JSON.stringify(v)}`, () => {
      const r = parseDocNumber(v);
      expect(r).toEqual({ ok: true, canonical: '国办发〔2017〕47号', kind: 'standard', organCode: '国办发', year: 2017, serial: 47 });
    });
  }

  it('reads real numbers of many organs', () => {
    const real: [string, string, number, number][] = [
      ['国发〔2024〕7号', '国发', 2024, 7],
      ['国办发〔2023〕36号', '国办发', 2023, 36],
      ['浙政发〔2021〕24号', '浙政发', 2021, 24],
      ['财预〔2020〕10号', '财预', 2020, 10],
      ['京政办发〔2019〕3号', '京政办发', 2019, 3],
      ['国办公开办函〔2021〕30号', '国办公开办函', 2021, 30],
      ['国办函〔2019〕60号', '国办函', 2019, 60],
      ['中发〔2016〕8号', '中发', 2016, 8],
      ['厅字〔2016〕19号', '厅字', 2016, 19],
      ['国发明电〔2020〕5号', '国发明电', 2020, 5],
      ['发改投资〔2019〕1234号', '发改投资', 2019, 1234],
      ['人社部发〔2018〕44号', '人社部发', 2018, 44],
      ['沪府规〔2022〕3号', '沪府规', 2022, 3],
      ['粤府办〔2020〕15号', '粤府办', 2020, 15],
      ['川办发〔2021〕47号', '川办发', 2021, 47],
    ];
    for (const [text, organ, year, serial] of real) {
      const r = parseDocNumber(text);
      expect(r, text).toMatchObject({ ok: true, canonical: text, organCode: organ, year, serial });
    }
  });
});

describe('parseDocNumber: decrees', () => {
  it('keeps decrees as written apart from width and whitespace', () => {
    expect(parseDocNumber('国令第711号')).toEqual({ ok: true, canonical: '国令第711号', kind: 'decree', organCode: '国令', year: null, serial: 711 });
    expect(parseDocNumber('国令第777号')).toMatchObject({ ok: true, canonical: '国令第777号', serial: 777 });
    expect(parseDocNumber('国务院令 第 711 号')).toMatchObject({ ok: true, canonical: '国务院令第711号', organCode: '国务院令' });
    expect(parseDocNumber('国令第７１１号')).toMatchObject({ ok: true, canonical: '国令第711号' });
    expect(parseDocNumber('中华人民共和国主席令第十号')).toEqual({
      ok: true, canonical: '中华人民共和国主席令第十号', kind: 'decree', organCode: '中华人民共和国主席令', year: null, serial: 10,
    });
    expect(parseDocNumber('中华人民共和国主席令第八十一号')).toMatchObject({ ok: true, serial: 81 });
    expect(parseDocNumber('中华人民共和国国务院令第492号')).toMatchObject({ ok: true, organCode: '中华人民共和国国务院令', serial: 492 });
    expect(parseDocNumber('国家市场监督管理总局令第11号')).toMatchObject({ ok: true, organCode: '国家市场监督管理总局令', serial: 11 });
    expect(parseDocNumber('浙江省第十三届人民代表大会常务委员会公告第22号')).toMatchObject({ ok: true, kind: 'decree', serial: 22 });
  });
});

describe('parseDocNumber: refusals', () => {
  it('gives a Chinese reason for text that is not a document number', () => {
    for (const bad of ['', '   ', '关于做好2024年工作的通知', '2017 47号', '〔2017〕47号', 'ABC〔2017〕47号', '国办发〔17〕47号', '国办发〔2017〕0号', '国办发〔1800〕3号', '国令第号']) {
      const r = parseDocNumber(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/发文字号/u);
    }
    expect(parseDocNumber('')).toEqual({ ok: false, error: '发文字号不能为空' });
    expect(normaliseDocNumber('不是文号')).toBeNull();
  });
});

describe('docNumberSearchKey', () => {
  it('folds loose spellings of one number to one key', () => {
    const keys = new Set(['国办发〔2017〕47号', '国办发2017 47号', '国办发[2017]047号', '国办发２０１７年第４７号', '国办发 (2017) 47'].map(docNumberSearchKey));
    expect([...keys]).toEqual(['国办发|2017|47']);
  });
  it('distinguishes numbers that compact keys without separators would confuse', () => {
    expect(docNumberSearchKey('国办发〔2017〕147号')).not.toBe(docNumberSearchKey('国办发〔2017〕47号'));
    expect(docNumberSearchKey('国发〔2024〕7号')).not.toBe(docNumberSearchKey('国办发〔2024〕7号'));
  });
  it('gives an organ-and-year prefix for a number without serial', () => {
    expect(docNumberSearchKey('国办发〔2017〕')).toBe('国办发|2017|');
    expect(docNumberSearchKey('国办发2017年')).toBe('国办发|2017|');
    expect(docNumberSearchKey('国办发〔2017〕47号').startsWith(docNumberSearchKey('国办发〔2017〕'))).toBe(true);
  });
  it('folds the State Council decree spellings and Chinese serials', () => {
    expect(docNumberSearchKey('国令第711号')).toBe('国令|711');
    expect(docNumberSearchKey('国务院令第711号')).toBe('国令|711');
    expect(docNumberSearchKey('中华人民共和国国务院令第711号')).toBe('国令|711');
    expect(docNumberSearchKey('中华人民共和国主席令第十号')).toBe('主席令|10');
    expect(docNumberSearchKey('主席令第10号')).toBe('主席令|10');
  });
  it('leaves other text folded and without separators', () => {
    expect(docNumberSearchKey(' 国办发 ')).toBe('国办发');
    expect(docNumberSearchKey('第|47号')).toBe('47');
  });
});

describe('chineseNumeralValue', () => {
  it('reads numerals', () => {
    const cases: [string, number][] = [['十', 10], ['十一', 11], ['二十', 20], ['二十一', 21], ['一百', 100], ['一百零五', 105], ['两千', 2000], ['一〇五', 105], ['九', 9], ['711', 711]];
    for (const [t, v] of cases) expect(chineseNumeralValue(t), t).toBe(v);
    expect(chineseNumeralValue('十百')).toBeNull();
    expect(chineseNumeralValue('abc')).toBeNull();
  });
});

describe('properties', () => {
  const organ = fc.constantFrom('国发', '国办发', '浙政发', '财预', '京政办发', '国办函', '发改投资');
  const bracket = fc.constantFrom(['〔', '〕'], ['[', ']'], ['【', '】'], ['(', ')'], ['（', '）'], [' ', ' '], ['', '年'], ['〖', '〗']);
  it('every bracket and width variant parses to the canonical number and key', () => {
    fc.assert(
      fc.property(organ, fc.integer({ min: 1950, max: 2099 }), fc.integer({ min: 1, max: 99999 }), bracket, fc.boolean(), (o, y, n, [l, r], wide) => {
        let text = `${o}${l}${y}${r}${n}号`;
        if (wide) text = text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        const parsed = parseDocNumber(text);
        expect(parsed).toMatchObject({ ok: true, canonical: `${o}〔${y}〕${n}号`, year: y, serial: n });
        expect(docNumberSearchKey(text)).toBe(`${o}|${y}|${n}`);
        // Canonical numbers are fixed points.
        expect(normaliseDocNumber(`${o}〔${y}〕${n}号`)).toBe(`${o}〔${y}〕${n}号`);
      }),
    );
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      parseDocNumber(s);
      docNumberSearchKey(s);
    }));
  });
});
