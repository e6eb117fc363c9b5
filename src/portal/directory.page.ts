import type { Agency } from './site-api.js';
import { html } from './html.js';
import { summary } from './text.js';
import type { PageContent } from './layout.js';
import { data, type View } from './view.js';

/** 站群导航: every agency site hosted by this deployment, when "/" names none of them. */
export function renderDirectoryPage(view: View, agencies: Agency[]): PageContent {
  const { t } = view;
  const suffix = view.langInLinks ? `?lang=${view.lang}` : '';
  return {
    title: t.directoryTitle,
    main: html`<h1>${t.directoryTitle}</h1>
<p class="lead">${t.directoryIntro}</p>
${agencies.length
  ? html`<ul class="site-list">${agencies.map((a) => {
      const intro = summary(a.description, 60);
      return html`<li><a href="/sites/${encodeURIComponent(a.code)}/${suffix}">${data(view, a.name)}</a>${intro ? html`<p>${data(view, intro)}</p>` : ''}</li>`;
    })}</ul>`
  : html`<p>${t.directoryEmpty}</p>`}`,
  };
}
