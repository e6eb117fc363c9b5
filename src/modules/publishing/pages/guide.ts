import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { categoryPath, CATALOG_PATH, GUIDE_PATH } from './common.js';
import type { PublicCatalog } from '../catalog.views.js';
import { words } from './words.js';

export { GUIDE_PATH };

/**
 * 政府信息公开指南 (条例 Art. 12): built from the agency profile (the disclosure office, its address, hours, telephone,
 * fax and internet contact) and the published catalog (classification and arrangement). Requests are described as
 * they work whatever channels come later: in person or by letter to the office address.
 */
export function renderGuidePage(view: View, agency: OrgRow, catalog: PublicCatalog | null, siteUrl: string): PageContent {
  const w = words(view);
  const t = view.t;
  const none = html`<span class="hint">${w.notProvided}</span>`;
  const contact: [string, SafeHtml][] = [
    [w.guideOfficeName, agency.disclosure_officer ? data(view, agency.disclosure_officer) : data(view, agency.name)],
    [t.address, agency.address ? data(view, agency.address) : none],
    [t.postcode, agency.postcode ? html`${agency.postcode}` : none],
    [t.officeHours, agency.office_hours ? data(view, agency.office_hours) : none],
    [t.phone, agency.phone ? html`${agency.phone}` : none],
    [t.fax, agency.fax ? html`${agency.fax}` : none],
    [
      w.guideWeb,
      html`<a href="${siteUrl}">${siteUrl}</a>${agency.email ? html`<br>${t.email}${t.colon}<a href="mailto:${agency.email}">${agency.email}</a>` : ''}`,
    ],
  ];
  const top = catalog?.tree ?? [];
  return {
    title: w.guide,
    current: 'guide',
    crumbs: [{ label: w.guide }],
    main: html`<h1>${w.guide}</h1>
<p class="lead">${w.guideLead(agency.name)}</p>
<section class="panel" aria-labelledby="guide-office"><h2 id="guide-office">${w.guideOffice}</h2>
<p>${w.guideOfficeIntro}</p>
<dl class="fields">${contact.map(([label, value]) => html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>
<section class="panel" aria-labelledby="guide-catalog"><h2 id="guide-catalog">${w.guideClassification}</h2>
${top.length
  ? html`<p>${w.guideClassificationIntro(top.length)}</p>
<ol class="guide-categories">${top.map(
      (c) => html`<li><a href="${href(view, categoryPath(c.code))}">${data(view, c.name)}</a>${
        c.children.length ? html`<span class="hint">（${c.children.map((ch, i) => html`${i ? '、' : ''}${data(view, ch.name)}`)}）</span>` : ''
      }</li>`,
    )}</ol>
<p><a class="more" href="${href(view, CATALOG_PATH)}">${w.catalog}</a></p>`
  : html`<p>${w.guideNoCatalog}</p>`}
</section>
<section class="panel" aria-labelledby="guide-proactive"><h2 id="guide-proactive">${w.guideProactive}</h2>
<ol class="rules">${w.guideProactiveItems.map((s) => html`<li>${s}</li>`)}</ol>
</section>
<section class="panel" aria-labelledby="guide-request"><h2 id="guide-request">${w.guideOnRequest}</h2>
<ol class="rules">${w.guideOnRequestItems.map((s) => html`<li>${s}</li>`)}</ol>
<h3>${w.guideOnRequestAddress}</h3>
<dl class="fields compact">${contact.slice(0, 5).map(([label, value]) => html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>
<section class="panel" aria-labelledby="guide-remedy"><h2 id="guide-remedy">${w.guideRemedy}</h2>
<p>${w.guideRemedyText}</p>
</section>`,
  };
}
