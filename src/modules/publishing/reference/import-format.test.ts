import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../shared/paths.js';
import { organOf, parseEvents, parseJsonLines, parseMarkdownDocument, sourceKey, textToSafeHtml } from './import-format.js';

const CORPUS = path.join(PROJECT_ROOT, '..', 'shared', 'corpus', 'laws');
const HAVE_CORPUS = fs.existsSync(CORPUS);
if (!HAVE_CORPUS) console.warn(`corpus tests skipped: ${CORPUS} is absent`);

const SAFE_HTML = /^(?:<(h2|h3|p)>[^<>]*<\/\1>\n?)*$/u;

describe.skipIf(!HAVE_CORPUS)('Markdown corpus files (expected values checked by hand against their date lines)', () => {
  // [file, title, writtenAt, publishedAt, effectiveAt, issuingOrgan, docNumber]
  const rows: [string, string, string | null, string | null, string | null, string | null, string | null][] = [
    ["DLC/上海地方法规/地方性法规/上海/上海市殡葬管理条例(2024-08-22).md", "上海市殡葬管理条例", "2024-08-22", "2024-08-22", null, "上海市人民代表大会常务委员会", null],
    ["DLC/山东地方法规/地方性法规/山东/山东省燃气管理条例(2016-03-30).md", "山东省燃气管理条例", "2016-03-30", "2016-03-30", null, "山东省人民代表大会常务委员会", null],
    ["DLC/山东地方法规/地方性法规/山东/淄博市水资源保护管理条例(2018-09-25).md", "淄博市水资源保护管理条例", "2018-09-21", "2018-09-21", null, "淄博市人民代表大会常务委员会", null],
    ["DLC/河南地方法规/地方性法规/河南/河南省安置教育刑满释放和解除劳动教养人员的暂行规定(2010-07-30).md", "河南省安置教育刑满释放和解除劳动教养人员的暂行规定", "2010-07-30", "2010-07-30", null, "河南省人民代表大会常务委员会", null],
    ["DLC/河南地方法规/地方性法规/河南/洛阳市旅游条例.md", "洛阳市旅游条例", "2016-09-30", "2016-09-30", null, "洛阳市人民代表大会常务委员会", null],
    ["DLC/浙江地方法规/地方性法规/浙江/杭州市水上交通管理条例(2008-08-25).md", "杭州市水上交通管理条例", "2008-08-01", "2008-08-01", null, "杭州市人民代表大会常务委员会", null],
    ["DLC/浙江地方法规/地方性法规/浙江/浙江省普陀山风景名胜区条例(2018-11-30).md", "浙江省普陀山风景名胜区条例", "2018-11-30", "2018-11-30", null, "浙江省人民代表大会常务委员会", null],
    ["DLC/重庆地方法规/地方性法规/重庆/重庆市城市园林绿化条例(2021-05-27).md", "重庆市城市园林绿化条例", "2021-05-27", "2021-05-27", null, "重庆市人民代表大会常务委员会", null],
    ["DLC/重庆地方法规/地方性法规/重庆/重庆市气象条例(2018-07-26).md", "重庆市气象条例", "2018-07-26", "2018-07-26", null, "重庆市人民代表大会常务委员会", null],
    ["刑法/刑法修正案（九）.md", "中华人民共和国刑法修正案（九）", "2015-08-29", "2015-08-29", null, "全国人民代表大会常务委员会", null],
    ["刑法/刑法修正案（六）.md", "中华人民共和国刑法修正案（六）", "2006-06-29", "2006-06-29", null, "全国人民代表大会常务委员会", null],
    ["司法解释/最高人民法院关于内地与澳门特别行政区法院就民商事案件相互委托送达司法文书和调取证据的安排(2020-01-14).md", "最高人民法院关于内地与澳门特别行政区法院就民商事案件相互委托送达司法文书和调取证据的安排", "2019-12-30", "2019-12-30", "2020-03-01", "最高人民法院", null],
    ["司法解释/最高人民法院关于审理矿业权纠纷案件适用法律若干问题的解释(2020-12-29).md", "最高人民法院关于审理矿业权纠纷案件适用法律若干问题的解释", "2020-12-23", "2020-12-23", null, "最高人民法院", null],
    ["宪法/宪法修正案（1993年）.md", "中华人民共和国宪法修正案（1993年）", "1993-03-29", "1993-03-29", "1993-03-29", "全国人民代表大会", "中华人民共和国全国人民代表大会公告第八号"],
    ["宪法/宪法修正案（2004年）.md", "中华人民共和国宪法修正案（2004年）", "2004-03-14", "2004-03-14", "2004-03-14", "全国人民代表大会", null],
    ["宪法相关法/各级人民代表大会常务委员会监督法(2006-08-27).md", "中华人民共和国各级人民代表大会常务委员会监督法", "2006-08-27", "2006-08-27", null, "全国人民代表大会常务委员会", null],
    ["宪法相关法/检察官法(2019-04-23).md", "中华人民共和国检察官法", "2019-04-23", "2019-04-23", null, "全国人民代表大会常务委员会", null],
    ["民法典/合同编.md", "中华人民共和国民法典·合同编", "2020-05-28", "2020-05-28", "2021-01-01", "全国人民代表大会", null],
    ["民法典/物权编.md", "中华人民共和国民法典·物权编", "2020-05-28", "2020-05-28", "2021-01-01", "全国人民代表大会", null],
    ["民法商法/农村土地承包法(2018-12-29).md", "中华人民共和国农村土地承包法", "2018-12-29", "2018-12-29", null, "全国人民代表大会常务委员会", null],
    ["民法商法/海商法(1992-11-07).md", "中华人民共和国海商法", "1992-11-07", "1992-11-07", null, "全国人民代表大会常务委员会", null],
    ["社会法/安全生产法(2021-06-10).md", "中华人民共和国安全生产法", "2021-06-10", "2021-06-10", null, "全国人民代表大会常务委员会", null],
    ["社会法/残疾人保障法(2018-10-26).md", "中华人民共和国残疾人保障法", "2018-10-26", "2018-10-26", null, "全国人民代表大会常务委员会", null],
    ["经济法/城市维护建设税法(2020-08-11).md", "中华人民共和国城市维护建设税法", "2020-08-11", "2020-08-11", null, "全国人民代表大会常务委员会", null],
    ["经济法/畜牧法(2015-04-24).md", "中华人民共和国畜牧法", "2015-04-24", "2015-04-24", null, "全国人民代表大会常务委员会", null],
    ["行政法/城乡规划法(2019-04-23).md", "中华人民共和国城乡规划法", "2019-04-23", "2019-04-23", null, "全国人民代表大会常务委员会", null],
    ["行政法/消防法(2021-04-29).md", "中华人民共和国消防法", "2021-04-29", "2021-04-29", null, "全国人民代表大会常务委员会", null],
    ["行政法规/国境河流外国籍船舶管理办法(1966-04-19).md", "国境河流外国籍船舶管理办法", "1966-03-15", "1966-04-19", null, "交通部", null],
    ["行政法规/民用航空运输不定期飞行管理暂行规定(1989-03-02).md", "民用航空运输不定期飞行管理暂行规定", "1989-01-03", "1989-03-02", null, "国务院", "中华人民共和国国务院令第29号"],
    ["诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md", "中华人民共和国劳动争议调解仲裁法", "2007-12-29", "2007-12-29", null, "全国人民代表大会常务委员会", null],
    ["诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md", "中华人民共和国民事诉讼法", "2023-09-01", "2023-09-01", null, "全国人民代表大会", null],
    ["部门规章/市场监督管理总局/处方药与非处方药分类管理办法（试行）(1999-06-18).md", "处方药与非处方药分类管理办法（试行）", "1999-06-18", "1999-06-18", "2000-01-01", "国家药品监督管理局", "国家药品监督管理局令第10号"],
    ["行政法规/政府信息公开条例(2019-04-03).md", "中华人民共和国政府信息公开条例", "2019-04-03", "2019-04-03", "2019-05-15", "国务院", "中华人民共和国国务院令第711号"],
    ["行政法规/土地管理法实施条例(2021-07-02).md", "中华人民共和国土地管理法实施条例", "2021-07-02", "2021-07-02", null, "国务院", "中华人民共和国国务院令第743号"],
    ["行政法规/上海航运交易所管理规定(1996-10-03).md", "上海航运交易所管理规定", "1996-09-19", "1996-10-03", null, "交通部", "中华人民共和国交通部令第8号"],
    ["行政法规/反间谍法实施细则(2017-11-22).md", "中华人民共和国反间谍法实施细则", "2017-11-22", "2017-11-22", null, "国务院", "中华人民共和国国务院令第692号"],
    ["行政法规/工资支付暂行规定(1994-12-06).md", "工资支付暂行规定", "1994-12-06", "1994-12-06", "1995-01-01", null, "劳部发〔1994〕489号"],
    ["行政法规/武器装备研制设计师系统和行政指挥系统工作条例(1984-04-04).md", "武器装备研制设计师系统和行政指挥系统工作条例", "1984-04-04", "1984-04-04", "1984-04-04", "国务院中央军委", null],
    ["司法解释/人民检察院刑事诉讼规则(2019-12-02).md", "人民检察院刑事诉讼规则", "2019-12-02", "2019-12-02", "2019-12-30", "最高人民检察院", null],
    ["DLC/山东地方法规/地方性法规/山东/济南市农村公路条例(2014-09-26).md", "济南市农村公路条例", "2014-09-26", "2014-09-26", null, "济南市人民代表大会常务委员会", null],
    ["案例/消费购物/张某等人诉某销售公司、孟某某服务合同纠纷案.md", "预付卡未使用金额经营者应向消费者返还", "2022-03-15", "2022-03-15", null, "最高人民法院", null],
    ["行政法/土地管理法(2019-08-26).md", "中华人民共和国土地管理法", "2019-08-26", "2019-08-26", null, "全国人民代表大会常务委员会", null],
  ];
  for (const [file, title, writtenAt, publishedAt, effectiveAt, issuingOrgan, docNumber] of rows) {
    it(file, () => {
      const r = parseMarkdownDocument(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file);
      if (!r.ok) throw new Error(r.error);
      expect(r.document).toMatchObject({ title, writtenAt, publishedAt, effectiveAt, issuingOrgan, docNumber, sourcePath: file });
      expect(r.document.body).toMatch(SAFE_HTML);
      expect(r.document.body.length).toBeGreaterThan(20);
    });
  }
  it('reads chapters as headings and articles as paragraphs', () => {
    const file = '行政法规/政府信息公开条例(2019-04-03).md';
    const r = parseMarkdownDocument(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file);
    if (!r.ok) throw new Error(r.error);
    expect(r.document.body).toContain('<h2>第一章 总则</h2>');
    expect(r.document.body).toContain('<p>(一)行政法规、规章和规范性文件；</p>');
    expect(r.document.events.map((e) => e.kinds)).toEqual([['promulgated'], ['amended', 'promulgated'], ['effective']]);
  });

  it('parses every corpus file without throwing', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.md')) files.push(p);
      }
    };
    walk(CORPUS);
    const n = { files: files.length, parsed: 0, writtenAt: 0, publishedAt: 0, effectiveAt: 0, issuingOrgan: 0, docNumber: 0, unsafe: 0, errors: [] as string[] };
    const keys = new Map<string, string>();
    for (const f of files) {
      const rel = path.relative(CORPUS, f);
      const r = parseMarkdownDocument(fs.readFileSync(f, 'utf8'), rel);
      if (!r.ok) { n.errors.push(r.error); continue; }
      n.parsed++;
      const d = r.document;
      if (d.writtenAt) n.writtenAt++;
      if (d.publishedAt) n.publishedAt++;
      if (d.effectiveAt) n.effectiveAt++;
      if (d.issuingOrgan) n.issuingOrgan++;
      if (d.docNumber) n.docNumber++;
      if (!SAFE_HTML.test(d.body)) n.unsafe++;
      for (const date of [d.writtenAt, d.publishedAt, d.effectiveAt]) if (date) expect(date).toMatch(/^(19|20)\d\d-\d\d-\d\d$/);
      if (d.writtenAt && d.publishedAt) expect(d.publishedAt >= d.writtenAt, rel).toBe(true);
      keys.set(d.sourceKey, rel);
    }
    console.log('corpus statistics', { ...n, errors: n.errors.length, distinctSourceKeys: keys.size }, n.errors);
    expect(n.parsed / n.files).toBeGreaterThanOrEqual(0.95);
    expect(n.writtenAt / n.files).toBeGreaterThanOrEqual(0.85);
    expect(n.unsafe).toBe(0);
  });
});

describe('Markdown edge cases', () => {
  const doc = '# 某某条例\n\n2019年4月3日 国务院令第711号公布\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了……，制定本条例。\n';
  it('reads a minimal document', () => {
    const r = parseMarkdownDocument(doc, 'a.md');
    expect(r).toMatchObject({ ok: true, warnings: [] });
    if (!r.ok) return;
    expect(r.document).toMatchObject({ title: '某某条例', writtenAt: '2019-04-03', publishedAt: '2019-04-03', issuingOrgan: '国务院', docNumber: '国务院令第711号' });
    expect(r.document.body).toBe('<h2>第一章 总则</h2>\n<p>第一条 为了……，制定本条例。</p>');
  });
  it('accepts a BOM and CRLF line ends with the same result', () => {
    const a = parseMarkdownDocument(doc, 'a.md');
    const b = parseMarkdownDocument('\uFEFF' + doc.replace(/\n/g, '\r\n'), 'a.md');
    expect(b).toEqual(a);
  });
  it('reads a file without INFO END, taking its leading dated lines as events', () => {
    const r = parseMarkdownDocument('# 某某办法\n2020年1月2日 某某局令第3号公布\n2020年3月1日 施行\n第一条 正文。\n第二条 正文。', 'b.md');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]).toMatch(/缺少/);
    expect(r.document).toMatchObject({ writtenAt: '2020-01-02', effectiveAt: '2020-03-01', docNumber: '某某局令第3号', issuingOrgan: '某某局' });
    expect(r.document.body).toBe('<p>第一条 正文。</p>\n<p>第二条 正文。</p>');
  });
  it('refuses an empty body and a missing title', () => {
    expect(parseMarkdownDocument('# 标题\n2020年1月2日 通过\n<!-- INFO END -->\n\n  \n', 'c.md')).toEqual({ ok: false, error: 'c.md：正文为空' });
    expect(parseMarkdownDocument('标题\n正文', 'd.md')).toMatchObject({ ok: false, error: expect.stringMatching(/缺少标题/) as unknown });
    expect(parseMarkdownDocument('', 'e.md').ok).toBe(false);
  });
  it('escapes markup in titles\u2019 bodies', () => {
    const r = parseMarkdownDocument('# T\n<!-- INFO END -->\n<script>alert("x")</script>\n## <b>章</b>\n<!-- FORCE BREAK -->\n| a | b |\n|---|---|\n| <i>c</i> | d |', 'f.md');
    if (!r.ok) throw new Error(r.error);
    expect(r.document.body).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n<h2>&lt;b&gt;章&lt;/b&gt;</h2>\n<p>a　b</p>\n<p>&lt;i&gt;c&lt;/i&gt;　d</p>');
  });
  it('joins dates wrapped across lines, full-width digits and Chinese-numeral dates', () => {
    const { events } = parseEvents(['2014年9月26', '日山东省第十二届人民代表大会常务委员会第十次会议批准', '２０１２年２月２９日 第十一届全国人民代表大会常务委员会第二十五次会议修正', '一九九五年三月二十六日']);
    expect(events.map((e) => [e.date, e.kinds])).toEqual([['2014-09-26', ['approved']], ['2012-02-29', ['amended']], ['1995-03-26', []]]);
  });
  it('gives a piece ending in 、 the kind of the next', () => {
    const { events } = parseEvents(['2015年1月1日 最高人民法院审判委员会第1000次会议、2015年2月1日最高人民检察院第十二届检察委员会第三十次会议通过']);
    expect(events.map((e) => e.kinds)).toEqual([['adopted'], ['adopted']]);
  });
  it('names organs', () => {
    expect(organOf('中华人民共和国国务院令第711号修订')).toBe('国务院');
    expect(organOf('第十三届全国人民代表大会常务委员会第二十八次会议通过')).toBe('全国人民代表大会常务委员会');
    expect(organOf('国务院第123次常务会议通过')).toBe('国务院');
    expect(organOf('最高人民法院审判委员会第1790次会议通过')).toBe('最高人民法院');
    expect(organOf('杭州市第十四届人民代表大会常务委员会公告第5号公布')).toBe('杭州市人民代表大会常务委员会');
    expect(organOf('《国务院关于修改部分行政法规的决定》第二次修订')).toBeNull();
    expect(organOf('中华人民共和国主席令第七十三号公布')).toBeNull();
    expect(organOf('施行')).toBeNull();
  });
});

describe('textToSafeHtml', () => {
  it('only ever produces h2, h3 and p', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '#', '|', '-', ' ', '\n', '\r', 'a', '章', '!') }), (s) => {
      expect(textToSafeHtml(s)).toMatch(SAFE_HTML);
    }));
  });
  it('maps heading levels', () => {
    expect(textToSafeHtml('# A\n## B\n### C\n#### D\n##')).toBe('<h2>A</h2>\n<h2>B</h2>\n<h3>C</h3>\n<h3>D</h3>');
  });
});

describe('JSON Lines', () => {
  const good = JSON.stringify({ title: '关于做好政务公开工作的通知', body: '各单位：\n现将有关事项通知如下。', docNumber: '国办发[2017]47号', writtenAt: '2017-05-01', publishedAt: '2017-05-03T10:00:00+08:00', category: '02.01', topic: '综合政务/政务公开' });
  it('reads valid lines and normalises fields', () => {
    const r = parseJsonLines(`\uFEFF${good}\r\n\r\n${JSON.stringify({ title: 'B', body: 'x', writtenAt: '2020年1月2日', topic: '02.07' })}\r\n`, 'x.jsonl');
    expect(r.errors).toEqual([]);
    expect(r.documents).toHaveLength(2);
    expect(r.documents[0]).toMatchObject({
      title: '关于做好政务公开工作的通知', docNumber: '国办发〔2017〕47号', writtenAt: '2017-05-01', publishedAt: '2017-05-03T10:00:00+08:00',
      category: '02.01', topic: '02.01', line: 1, body: '<p>各单位：</p>\n<p>现将有关事项通知如下。</p>',
    });
    expect(r.documents[1]).toMatchObject({ line: 3, writtenAt: '2020-01-02', topic: '02.07', docNumber: null });
  });
  it('reports every problem with its line and field', () => {
    const lines = [
      '{not json',
      '[1,2]',
      JSON.stringify({ body: 'x' }),
      JSON.stringify({ title: 'T', body: 7 }),
      JSON.stringify({ title: 'T', body: 'x', docNumber: '关于', writtenAt: '2021-02-30', publishedAt: '2021-01-01T10:00:00', category: 'abc', topic: '不存在' }),
      JSON.stringify({ title: 'T', body: 'x', writtenAt: '2021-02-03', publishedAt: '2021-02-01' }),
      JSON.stringify({ title: 'T', body: '   ' }),
      JSON.stringify({ title: 'T', body: 'x', extra: 1 }),
    ];
    const r = parseJsonLines(lines.join('\n'), 'y.jsonl');
    const got = r.errors.map((e) => `${e.line}:${e.field ?? '-'}`);
    expect(got).toEqual(['1:-', '2:-', '3:title', '4:body', '5:docNumber', '5:writtenAt', '5:publishedAt', '5:category', '5:topic', '6:publishedAt', '7:body']);
    expect(r.errors.every((e) => /[\u4e00-\u9fff]/u.test(e.message))).toBe(true);
    expect(r.documents.map((d) => d.line)).toEqual([8]);
    expect(r.warnings).toEqual([{ line: 8, field: 'extra', message: '未知字段“extra”，已忽略' }]);
  });
});

describe('sourceKey', () => {
  it('is stable across spellings and differs between documents', () => {
    const k = sourceKey('关于做好 政务公开工作的通知', '国办发[2017]47号', '2017-05-01');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceKey('关于做好政务公开工作的通知', '国办发〔2017〕47号', '2017-05-01')).toBe(k);
    expect(sourceKey('关于做好政务公开工作的通知', '国办发〔2017〕48号', '2017-05-01')).not.toBe(k);
    expect(sourceKey('关于做好政务公开工作的通知', '国办发〔2017〕47号', null)).not.toBe(k);
  });
  it('gives a re-import of the same text the same key, from Markdown and JSON Lines alike', () => {
    const md = parseMarkdownDocument('# 某某条例\n2019年4月3日 国务院令第711号公布\n<!-- INFO END -->\n第一条', 'a.md');
    const jl = parseJsonLines(JSON.stringify({ title: '某某条例', body: '第一条', docNumber: '国务院令 第711号', writtenAt: '2019-04-03' }), 'a.jsonl');
    if (!md.ok) throw new Error(md.error);
    expect(jl.documents[0]?.sourceKey).toBe(md.document.sourceKey);
  });
});
