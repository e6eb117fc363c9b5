// Items taken through the publishing workflow the way the staff do it: through the API, by the demo agency's people.
import type { LightMyRequestResponse } from 'fastify';
import { signIn, type Staff, type TestApp } from './app.js';

/**
 * The demo staff who take an item of 市发展和改革委员会 (jc-fgw) through the workflow: its editor drafts and submits,
 * its reviewer gives 初审, the office (政务公开办) gives 复审 and publishes.
 */
export interface Publishers {
  editor: Staff;
  reviewer: Staff;
  office: Staff;
}

/** The item as the API answers it; tests read what they need from it. */
export interface ItemAnswer {
  id: string;
  state: string;
  version: number;
  [field: string]: unknown;
}

/** Signs in the three people of Publishers. */
export async function publishers(t: TestApp): Promise<Publishers> {
  return { editor: await signIn(t, 'editor'), reviewer: await signIn(t, 'reviewer'), office: await signIn(t, 'office') };
}

export interface PublishOptions {
  /** Who does it; signed in afresh when not given. */
  by?: Publishers;
  /** Publication scheduled for this instant (ISO) instead of now: the item ends `scheduled`. */
  at?: string;
  /** Runs once the draft is submitted, before 初审 (to look at it while under review). */
  afterSubmit?: (id: string) => Promise<unknown>;
}

/** A step of the workflow that must succeed: its answer, or an error naming the step and what the API said. */
async function step(name: string, id: string, answer: Promise<LightMyRequestResponse>, expected: number): Promise<ItemAnswer> {
  const res = await answer;
  if (res.statusCode !== expected) throw new Error(`${name} of item ${id} answered ${res.statusCode}: ${res.body}`);
  return res.json<ItemAnswer>();
}

/**
 * Takes a draft — a new item or the revision of a published one — through submission, 初审, 复审 and publication,
 * each step required to succeed; returns the item as the publication answered it.
 */
export async function publishRevision(t: TestApp, id: string, options: PublishOptions = {}): Promise<ItemAnswer> {
  const { editor, reviewer, office } = options.by ?? (await publishers(t));
  await step('submission', id, editor.request('POST', `/api/v1/items/${id}/submit`), 200);
  await options.afterSubmit?.(id);
  await step('初审', id, reviewer.request('POST', `/api/v1/items/${id}/approve`, {}), 200);
  await step('复审', id, office.request('POST', `/api/v1/items/${id}/approve`, {}), 200);
  const item = await step('publication', id, office.request('POST', `/api/v1/items/${id}/publish`, options.at ? { at: options.at } : {}), 200);
  const state = options.at ? 'scheduled' : 'published';
  if (item.state !== state) throw new Error(`item ${id} is ${item.state} after its publication, not ${state}`);
  return item;
}

/**
 * A published item of 市发展和改革委员会 in category 01 (unless `fields` say otherwise): created by the editor,
 * submitted, through 初审 and 复审, published by the office. `beforeSubmit` runs on the draft first (to attach a
 * file, say). Returns the item as the publication answered it.
 */
export async function publishedItem(
  t: TestApp,
  fields: Record<string, unknown> = {},
  options: PublishOptions & { beforeSubmit?: (id: string) => Promise<unknown> } = {},
): Promise<ItemAnswer> {
  const by = options.by ?? (await publishers(t));
  const body = { org: 'jc-fgw', category: '01', title: '关于开展政务公开测试的通知', body: '<p>正文。</p>', ...fields };
  const draft = await step('creation', '(new)', by.editor.request('POST', '/api/v1/items', body), 201);
  await options.beforeSubmit?.(draft.id);
  return publishRevision(t, draft.id, { ...options, by });
}
