import { html, type SafeHtml } from '../../portal/html.js';
import type { PageContent } from '../../portal/layout.js';
import type { Agency } from '../../portal/site-api.js';
import { summary } from '../../portal/text.js';
import { data, href, type View } from '../../portal/view.js';
import { countUnits, type UnitNode } from '../organisations/index.js';
import { itemPath, localDate, type ItemSummary } from '../publishing/index.js';

/**
 * The home page of an agency site: who the agency is, and one block per section of the site. Sections
 * added by later modules (catalog, news, search) become further blocks in the same grid.
 */
export function renderHomePage(view: View, agency: Agency, units: UnitNode[], latest: ItemSummary[] = []): PageContent {
  const { t } = view;
  const intro = summary(agency.description);
  return {
    title: t.home,
    current: 'home',
    main: html`<section class="hero" aria-labelledby="site-title">
<h1 id="site-title">${data(view, agency.name)}</h1>
${intro ? html`<p class="lead">${data(view, intro)}</p>` : ''}
</section>
<div class="blocks">
${latestBlock(view, agency, latest)}
<section class="block" aria-labelledby="block-guide"><h2 id="block-guide">${t.guide}</h2>
<p>${t.guideIntro}</p>
<p><a class="more" href="${href(view, '/guide')}">${t.moreGuide}</a></p>
</section>
<section class="block" aria-labelledby="block-about"><h2 id="block-about">${t.about}</h2>
<p>${t.aboutIntro}</p>
<p><a class="more" href="${href(view, '/about')}">${t.moreAbout}</a></p>
</section>
<section class="block" aria-labelledby="block-structure"><h2 id="block-structure">${t.structure}</h2>
<p>${t.unitCount(countUnits(units))}</p>
${units.length
  ? html`<ul class="link-list">${units.map((u) => html`<li><a href="${href(view, '/structure')}#unit-${u.org.code}">${data(view, u.org.name)}</a></li>`)}</ul>`
  : ''}
<p><a class="more" href="${href(view, '/structure')}">${t.moreStructure}</a></p>
</section>
${contactBlock(view, agency)}
</div>`,
  };
}

/** 最新公开信息: the newest published items with their dates, and the way into the catalog. */
function latestBlock(view: View, agency: Agency, latest: ItemSummary[]): SafeHtml {
  const { t } = view;
  return html`<section class="block block-latest" aria-labelledby="block-latest"><h2 id="block-latest">${t.latestItems}</h2>
${latest.length
  ? html`<ul class="latest-list">${latest.map((item) => {
      const date = localDate(agency, item.publishedAt);
      return html`<li><a href="${href(view, itemPath(item.id))}">${data(view, item.title)}</a> <time datetime="${date}">${date}</time></li>`;
    })}</ul>`
  : html`<p>${t.latestItemsEmpty}</p>`}
<p><a class="more" href="${href(view, '/catalog')}">${t.moreCatalog}</a></p>
</section>`;
}

function contactBlock(view: View, agency: Agency): SafeHtml {
  const { t } = view;
  const rows: [string, SafeHtml | null][] = [
    [t.address, agency.address ? data(view, agency.address) : null],
    [t.officeHours, agency.office_hours ? data(view, agency.office_hours) : null],
    [t.phone, agency.phone ? html`${agency.phone}` : null],
    [t.email, agency.email ? html`<a href="mailto:${agency.email}">${agency.email}</a>` : null],
  ];
  const shown = rows.filter((r): r is [string, SafeHtml] => r[1] !== null);
  if (!shown.length) return html``;
  return html`<section class="block block-contact" aria-labelledby="block-contact"><h2 id="block-contact">${t.contactUs}</h2>
<dl class="fields compact">${shown.map(([label, value]) => html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}
