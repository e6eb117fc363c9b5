import { html, raw, type SafeHtml } from '../../portal/html.js';
import type { PageContent } from '../../portal/layout.js';
import type { TextKey } from '../../portal/i18n.js';
import { data, href, type View } from '../../portal/view.js';
import type { SitePage } from '../../portal/site-api.js';
import type { OrgRow } from './orgs.repo.js';
import { countUnits, unitsOf, type UnitNode } from './units.js';

/** Paragraphs of a multi-line text such as 机构职能. */
export function paragraphs(view: View, text: string): SafeHtml {
  return html`${text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${data(view, p)}</p>`)}`;
}

/** The profile fields shown on 机构概况, in order; empty ones are left out. */
export function profileFields(view: View, agency: OrgRow): { key: TextKey; value: SafeHtml }[] {
  const text = (v: string | null) => (v ? data(view, v) : null);
  const fields: { key: TextKey; value: SafeHtml | null }[] = [
    { key: 'name', value: data(view, agency.name) },
    { key: 'address', value: text(agency.address) },
    { key: 'postcode', value: agency.postcode ? html`${agency.postcode}` : null },
    { key: 'officeHours', value: text(agency.office_hours) },
    { key: 'phone', value: agency.phone ? html`${agency.phone}` : null },
    { key: 'fax', value: agency.fax ? html`${agency.fax}` : null },
    { key: 'email', value: agency.email ? html`<a href="mailto:${agency.email}">${agency.email}</a>` : null },
    { key: 'disclosureOfficer', value: text(agency.disclosure_officer) },
    { key: 'creditCode', value: agency.credit_code ? html`${agency.credit_code}` : null },
  ];
  return fields.filter((f): f is { key: TextKey; value: SafeHtml } => f.value !== null);
}

/** 机构概况: the agency's functions and its contact data for the public. */
export function renderAboutPage(view: View, agency: OrgRow, units: UnitNode[]): PageContent {
  const { t } = view;
  return {
    title: t.about,
    current: 'about',
    crumbs: [{ label: t.about }],
    main: html`<h1>${t.about}</h1>
<p class="lead">${t.aboutIntro}</p>
${agency.description
  ? html`<section class="panel" aria-labelledby="functions"><h2 id="functions">${t.functions}</h2>${paragraphs(view, agency.description)}</section>`
  : ''}
<section class="panel" aria-labelledby="profile"><h2 id="profile">${t.profile}</h2>
<dl class="fields">${profileFields(view, agency).map((f) => html`<div class="field"><dt>${t[f.key]}</dt><dd>${f.value}</dd></div>`)}</dl>
</section>
${units.length
  ? html`<section class="panel" aria-labelledby="units"><h2 id="units">${t.structure}</h2>
<ul class="link-list">${units.map((u) => html`<li><a href="${href(view, '/structure')}#unit-${u.org.code}">${data(view, u.org.name)}</a></li>`)}</ul>
<p><a class="more" href="${href(view, '/structure')}">${t.moreStructure}</a></p></section>`
  : ''}`,
  };
}

/** 组织结构: the unit tree as nested lists, each unit with its duties and telephone. */
export function renderStructurePage(view: View, agency: OrgRow, units: UnitNode[]): PageContent {
  const { t } = view;
  return {
    title: t.structure,
    current: 'structure',
    crumbs: [{ label: t.structure }],
    main: html`<h1>${t.structure}</h1>
<p class="lead">${t.structureIntro}</p>
<p class="org-root">${data(view, agency.name)}<span class="count">${t.unitCount(countUnits(units))}</span></p>
${units.length ? unitList(view, units, 2) : html`<p>${t.structureEmpty}</p>`}`,
  };
}

function unitList(view: View, units: UnitNode[], level: number): SafeHtml {
  const heading = Math.min(level, 6);
  return html`<ul class="org-tree">${units.map(
    (u) => html`<li id="unit-${u.org.code}"><div class="unit">
${raw(`<h${heading}>`)}${data(view, u.org.name)}${raw(`</h${heading}>`)}
${u.org.description ? paragraphs(view, u.org.description) : ''}
${u.org.phone ? html`<p class="unit-phone"><span class="label">${view.t.phone}${view.t.colon}</span>${u.org.phone}</p>` : ''}
</div>${u.children.length ? unitList(view, u.children, level + 1) : ''}</li>`,
  )}</ul>`;
}


/** 机构概况 and 组织结构 of every agency site (they change with the agency's profile: `org.changed`). */
export const ORGANISATION_PAGES: SitePage[] = [
  { id: 'about', path: '/about', render: async (ctx, view, agency) => renderAboutPage(view, agency, await unitsOf(ctx, agency)) },
  { id: 'structure', path: '/structure', render: async (ctx, view, agency) => renderStructurePage(view, agency, await unitsOf(ctx, agency)) },
];
