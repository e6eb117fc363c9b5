import { normalise } from '../search/index.js';

/**
 * Character bigrams of a text for the similar-question suggestions: after the search module's normalisation
 * (width, case, 繁→简), the runs of letters, digits and Han characters are cut into overlapping pairs; a run
 * of one character counts as itself. Words that only make a sentence a polite question (请问, 您好, 什么 …) are
 * taken out first, as breaks, so two questions do not look alike because both start with 请问.
 */
const FILLER_WORDS = [
  '请问', '问一下', '一下', '您好', '你好', '我想', '想问', '了解', '谢谢', '为什么', '什么', '怎么', '怎样', '如何',
  '是否', '可以', '能否', '哪些', '哪里', '时候', '我们', '我的', '你们', '这个', '一个',
];
const FILLER = new RegExp(FILLER_WORDS.sort((a, b) => b.length - a.length).join('|'), 'g');

const RUN = /[\p{L}\p{N}]+/gu;

export function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const [run] of normalise(text).replace(FILLER, ' ').matchAll(RUN)) {
    const chars = [...run];
    if (chars.length === 1) {
      out.add(chars[0]!);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/**
 * How alike two bigram sets are: the shared pairs over the geometric mean of the sizes (the cosine of the two
 * sets), 0 to 1. A short question typed in full inside a longer one still scores well, a long text sharing a
 * few common pairs does not.
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}
