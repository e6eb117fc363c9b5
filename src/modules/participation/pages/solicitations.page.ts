import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { localDateTime } from '../../publishing/index.js';
import type { SolicitationStatus } from '../participation.schemas.js';
import type { SolicitationSummary } from '../solicitations.repo.js';
import { pagination, solicitationPath, SOLICITATIONS_PATH, withQuery } from './common.js';
import { participationWords, type ParticipationWords } from './words.js';

export interface SolicitationListPageData {
  agency: OrgRow;
  status: SolicitationStatus | '';
  page: number;
  pageSize: number;
  total: number;
  solicitations: SolicitationSummary[];
}

const STATUSES: SolicitationStatus[] = ['open', 'upcoming', 'closed'];

export function statusTag(w: ParticipationWords, status: SolicitationStatus): SafeHtml {
  return html`<span class="tag tag-${status}">${w.status[status]}</span>`;
}

/** `2026-03-03 10:00 至 2026-03-10 18:00`, in the agency's time zone. */
export function periodText(view: View, w: ParticipationWords, agency: OrgRow, opensAt: string, closesAt: string): SafeHtml {
  return html`<time datetime="${opensAt}">${localDateTime(agency, opensAt)}</time> ${w.to} <time datetime="${closesAt}">${localDateTime(agency, closesAt)}</time>`;
}

function statusNav(view: View, w: ParticipationWords, current: SolicitationStatus | ''): SafeHtml {
  const item = (status: SolicitationStatus | '', label: string) =>
    status === current
      ? html`<li><span class="facet-current" aria-current="page">${label}</span></li>`
      : html`<li><a href="${href(view, withQuery(SOLICITATIONS_PATH, { status }))}">${label}</a></li>`;
  return html`<nav class="sort-links" aria-label="${w.statusFilter}"><ul>
${item('', w.allStatuses)}
${STATUSES.map((s) => item(s, w.status[s]))}
</ul></nav>`;
}

function row(view: View, w: ParticipationWords, agency: OrgRow, s: SolicitationSummary): SafeHtml {
  return html`<li class="solicitation">
<h2><a href="${href(view, solicitationPath(s.id))}">${data(view, s.title)}</a></h2>
<p>${statusTag(w, s.status)}${s.feedbackPublished ? html` <span class="tag">${w.feedbackReady}</span>` : ''}</p>
<p>${data(view, s.summary)}</p>
<dl class="fields compact">
<div class="field"><dt>${w.period}</dt><dd>${periodText(view, w, agency, s.opensAt, s.closesAt)}</dd></div>
<div class="field"><dt>${w.commentCount}</dt><dd>${w.count(s.commentCount)}</dd></div>
</dl>
</li>`;
}

/** 意见征集: the agency's solicitations with their status (from the clock), filterable by status. */
export function renderSolicitationListPage(view: View, d: SolicitationListPageData): PageContent {
  const w = participationWords(view);
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  return {
    title: w.solTitle,
    current: 'interaction',
    crumbs: [{ label: view.t.interaction, path: '/interaction' }, { label: w.solTitle }],
    main: html`<h1>${w.solTitle}</h1>
<p class="lead">${w.solLead}</p>
${statusNav(view, w, d.status)}
<p class="list-count" role="status">${w.solTotal(d.total)}</p>
${d.solicitations.length
  ? html`<ul class="solicitation-list">${d.solicitations.map((s) => row(view, w, d.agency, s))}</ul>`
  : html`<p class="notice">${w.solEmpty}</p>`}
${pagination(view, w, d.page, pages, (page) => withQuery(SOLICITATIONS_PATH, { status: d.status, page }))}`,
  };
}
