import { describe, expect, it } from 'vitest';
import { makeView } from '../../portal/view.js';
import type { Lang } from '../../portal/i18n.js';
import { renderAboutPage, renderStructurePage } from './orgs.pages.js';
import { buildUnitTree, countUnits } from './units.js';
import { newOrgRow, type OrgRow } from './orgs.repo.js';

function org(over: Partial<OrgRow> & { id: string; code: string; name: string }): OrgRow {
  return newOrgRow({ kind: 'unit', agency_id: 'a', path: '/', created_at: '2026-01-01T00:00:00.000Z', ...over });
}

const agency = org({ id: 'a', code: 'jiangchuan', name: '江川市人民政府', kind: 'agency', phone: '0571-87000000', description: '第一段职能。\n\n第二段职能。' });
const rows = [
  agency,
  org({ id: 'u1', code: 'office', name: '市政府办公室', parent_id: 'a', description: '日常运转' }),
  org({ id: 'u2', code: 'office-gk', name: '政务公开科', parent_id: 'u1', phone: '0571-87000010' }),
  org({ id: 'u3', code: 'office-gk-1', name: '一组', parent_id: 'u2' }),
  org({ id: 'u4', code: 'fgw', name: '市发展和改革委员会', parent_id: 'a' }),
];
const view = (lang: Lang = 'zh-CN', base = '') =>
  makeView({ prefs: { lang, elder: false, langFromQuery: false }, agency, base, path: '/structure', cssHref: '/assets/portal.css' });

describe('unit tree', () => {
  it('nests units under their parents in the given order, leaving out the agency', () => {
    const tree = buildUnitTree(rows, 'a');
    expect(tree.map((n) => n.org.code)).toEqual(['office', 'fgw']);
    expect(tree[0]!.children.map((n) => n.org.code)).toEqual(['office-gk']);
    expect(tree[0]!.children[0]!.children.map((n) => n.org.code)).toEqual(['office-gk-1']);
    expect(countUnits(tree)).toBe(4);
  });

  it('renders nested lists with one heading level per depth, duties and telephone', () => {
    const main = renderStructurePage(view(), agency, buildUnitTree(rows, 'a')).main.value;
    expect(main).toContain('<h1>组织结构</h1>');
    expect(main).toMatch(/<li id="unit-office">[\s\S]*<h2>市政府办公室<\/h2>[\s\S]*<ul class="org-tree"><li id="unit-office-gk">[\s\S]*<h3>政务公开科<\/h3>[\s\S]*<h4>一组<\/h4>/);
    expect(main).toContain('联系电话：</span>0571-87000010');
    expect(main).toContain('共 4 个内设机构和下属单位');
  });

  it('says so when an agency has no units', () => {
    expect(renderStructurePage(view(), agency, []).main.value).toContain('暂未发布内设机构信息。');
  });
});

describe('机构概况', () => {
  it('shows filled fields only, functions as paragraphs, and links units inside the site', () => {
    const main = renderAboutPage(view('zh-CN', '/sites/jiangchuan'), agency, buildUnitTree(rows, 'a')).main.value;
    expect(main).toContain('<p>第一段职能。</p><p>第二段职能。</p>');
    expect(main).toContain('<dt>联系电话</dt><dd>0571-87000000</dd>');
    expect(main).not.toContain('<dt>传真</dt>');
    expect(main).not.toContain('统一社会信用代码');
    expect(main).toContain('<a href="/sites/jiangchuan/structure#unit-office">市政府办公室</a>');
  });

  it('escapes hostile values', () => {
    const evil = org({ ...agency, name: '<b>x</b>', address: '"><script>alert(1)</script>', email: 'a"@b.cn' });
    const main = renderAboutPage(view(), evil, []).main.value;
    expect(main).not.toContain('<script>');
    expect(main).not.toContain('<b>');
    expect(main).toContain('&quot;&gt;&lt;script&gt;');
    expect(main).toContain('href="mailto:a&quot;@b.cn"');
  });

  it('uses English labels and marks Chinese data on English pages', () => {
    const main = renderAboutPage(view('en'), agency, []).main.value;
    expect(main).toContain('<dt>Telephone</dt>');
    expect(main).toContain('<dd><span lang="zh-CN">江川市人民政府</span></dd>');
  });
});
