import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { CatalogCategory } from '../../publishing/index.js';
import { VALIDITIES } from '../../publishing/index.js';
import { TOPICS } from '../../publishing/index.js';
import { ADVANCED_PATH, keep, SEARCH_PATH } from './results.js';
import { searchWords } from './words.js';

/** What the advanced form shows filled in (from its own address, so a link can open it prepared). */
export interface AdvancedValues {
  all: string;
  phrase: string;
  any: string;
  none: string;
  field: string;
  category: string;
  topic: string;
  validity: string;
  from: string;
  to: string;
  sort: string;
}

const KEYS: (keyof AdvancedValues)[] = ['all', 'phrase', 'any', 'none', 'field', 'category', 'topic', 'validity', 'from', 'to', 'sort'];

/** The form's values from the query: single short strings only; anything else is left empty. */
export function advancedValues(query: Record<string, unknown>): AdvancedValues {
  const out = {} as AdvancedValues;
  for (const k of KEYS) {
    const v = query[k];
    out[k] = typeof v === 'string' && v.length <= 100 ? v : '';
  }
  return out;
}

/** Categories in catalog order, each after its parent, indented by level. */
function orderedCategories(categories: readonly CatalogCategory[]): { code: string; name: string; depth: number }[] {
  const byParent = new Map<string | null, CatalogCategory[]>();
  for (const c of categories) {
    const list = byParent.get(c.parentCode ?? null) ?? [];
    list.push(c);
    byParent.set(c.parentCode ?? null, list);
  }
  const out: { code: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))) {
      out.push({ code: c.code, name: c.name, depth });
      walk(c.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const option = (value: string, current: string, label: SafeHtml | string) =>
  html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;

/**
 * 高级检索: an ordinary GET form to the search page. Its word fields (all / phrase / any / none, restricted to a
 * field or not) are composed there into one query in the query language; the scope fields are the search's filters.
 */
export function renderAdvancedPage(view: View, categories: readonly CatalogCategory[], v: AdvancedValues): PageContent {
  const w = searchWords(view);
  const text = (name: 'all' | 'phrase' | 'any' | 'none', label: string, hint: string) =>
    html`<div class="form-field"><label for="adv-${name}">${label}</label>
<p class="hint" id="adv-${name}-hint">${hint}</p>
${keep(html`<input id="adv-${name}" name="${name}" type="text" value="${v[name]}" maxlength="100" aria-describedby="adv-${name}-hint">`)}</div>`;
  const indent = (depth: number) => '\u3000'.repeat(depth);
  return {
    title: w.advancedTitle,
    current: 'search',
    crumbs: [{ label: w.title, path: SEARCH_PATH }, { label: w.advancedTitle }],
    main: html`<h1>${w.advancedTitle}</h1>
<p class="lead">${w.advancedLead}</p>
<form class="advanced-form" method="get" action="${view.base}${SEARCH_PATH}">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
<fieldset class="panel"><legend>${w.wordsLegend}</legend>
${text('all', w.allLabel, w.allHint)}
${text('phrase', w.phraseLabel, w.phraseHint)}
${text('any', w.anyLabel, w.anyHint)}
${text('none', w.noneLabel, w.noneHint)}
<div class="form-field"><label for="adv-field">${w.fieldLabel}</label>
<select id="adv-field" name="field">
${option('any', v.field || 'any', w.fieldAnywhere)}
${option('title', v.field, w.fieldTitle)}
${option('number', v.field, w.fieldNumber)}
${option('organ', v.field, w.fieldOrgan)}
</select></div>
</fieldset>
<fieldset class="panel"><legend>${w.scopeLegend}</legend>
<div class="form-field"><label for="adv-category">${w.categoryLabel}</label>
<select id="adv-category" name="category">
${option('', v.category, w.anyCategory)}
${orderedCategories(categories).map((c) => option(c.code, v.category, html`${indent(c.depth)}${c.code} ${data(view, c.name)}`))}
</select></div>
<div class="form-field"><label for="adv-topic">${w.topicLabel}</label>
<select id="adv-topic" name="topic">
${option('', v.topic, w.anyTopic)}
${TOPICS.map((t) => html`${option(t.code, v.topic, t.name)}${t.children.map((c) => option(c.code, v.topic, `${indent(1)}${c.name}`))}`)}
</select></div>
<div class="form-field"><label for="adv-validity">${w.validityLabel}</label>
<select id="adv-validity" name="validity">
${option('', v.validity, w.anyValidity)}
${VALIDITIES.map((x) => option(x.code, v.validity, w.validityLabels[x.code] ?? x.name))}
</select></div>
</fieldset>
<fieldset class="panel"><legend>${w.dateLegend}</legend>
<p class="hint" id="adv-date-hint">${w.dateHint}</p>
<div class="date-range">
<div class="form-field"><label for="adv-from">${w.fromLabel}</label>
<input id="adv-from" name="from" type="date" value="${v.from}" aria-describedby="adv-date-hint"></div>
<div class="form-field"><label for="adv-to">${w.toLabel}</label>
<input id="adv-to" name="to" type="date" value="${v.to}" aria-describedby="adv-date-hint"></div>
</div>
</fieldset>
<div class="form-field"><label for="adv-sort">${w.sortLabel}</label>
<select id="adv-sort" name="sort">
${option('relevance', v.sort || 'relevance', w.sortRelevance)}
${option('date', v.sort, w.sortDate)}
</select></div>
<p class="hint">${w.composedHint}</p>
<p><button class="button" type="submit">${w.submit}</button> <a class="advanced-back" href="${href(view, SEARCH_PATH)}">${w.title}</a></p>
</form>`,
  };
}

export { ADVANCED_PATH };
