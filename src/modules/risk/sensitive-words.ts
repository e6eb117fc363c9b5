/**
 * Configurable sensitive-word lists (docs/product.md M9). A list is plain data; the office maintains real ones, this file
 * ships only a small default of markers that should never reach a public government site.
 *
 * Matching is an Aho–Corasick automaton — one pass over the text whatever the number of words — built once per
 * list and cached by the list's identity (a WeakMap keyed by the array), so treat a list as immutable: build a new
 * array to change it. Text and words are folded (full-width → half-width, ASCII case; fold.ts) one code unit for
 * one, so offsets are offsets into the original text. Every occurrence is reported, overlapping ones included
 * (绝密★ and 绝密 at the same place are two findings). A word that begins or ends with an ASCII letter or digit
 * only matches at a boundary there ("secret" is not found in "secretary"); Chinese has no such boundaries.
 */
import type { RawFinding } from './detectors.js';
import { foldCode, foldText } from './fold.js';
import { maxLevel, type RiskLevel } from './levels.js';

export interface SensitiveWord {
  word: string;
  level: RiskLevel;
  note?: string;
}

/**
 * A starting list. 国家秘密 appears in many legitimate disclosure texts (the 条例 itself), so a bare 秘密 is only
 * 一般; a 密级标志 (秘密★, 机密★, 绝密★) or 此件不公开 is 重大.
 */
export const DEFAULT_SENSITIVE_WORDS: readonly SensitiveWord[] = Object.freeze([
  { word: '绝密★', level: '重大', note: '密级标志：涉密文件不得公开' },
  { word: '机密★', level: '重大', note: '密级标志：涉密文件不得公开' },
  { word: '秘密★', level: '重大', note: '密级标志：涉密文件不得公开' },
  { word: '此件不公开', level: '重大', note: '公文标注不公开' },
  { word: '绝密', level: '重大', note: '可能涉及国家秘密' },
  { word: '机密', level: '较大', note: '可能涉及国家秘密或商业秘密' },
  { word: '秘密', level: '一般', note: '请确认不涉及国家秘密' },
  { word: '涉密', level: '较大', note: '可能涉及国家秘密' },
  { word: '内部资料', level: '较大', note: '内部资料不宜公开' },
  { word: '内部使用', level: '较大', note: '内部使用的信息不宜公开' },
  { word: '内部文件', level: '较大', note: '内部文件不宜公开' },
  { word: '仅供内部', level: '较大', note: '内部信息不宜公开' },
  { word: '不宜公开', level: '较大', note: '文中标注不宜公开' },
  { word: '不得外传', level: '较大', note: '文中标注不得外传' },
  { word: '注意保存', level: '一般', note: '内部文件标注' },
  { word: '征求意见稿', level: '一般', note: '请确认是否为最终稿' },
  { word: '送审稿', level: '一般', note: '请确认是否为最终稿' },
  { word: '讨论稿', level: '一般', note: '请确认是否为最终稿' },
]);

interface Pattern {
  word: string;
  length: number;
  level: RiskLevel;
  note: string | undefined;
  /** The word starts / ends with an ASCII letter or digit: match only at a boundary on that side. */
  boundaryBefore: boolean;
  boundaryAfter: boolean;
}

export interface WordMatcher {
  readonly size: number;
  find(text: string): RawFinding[];
}

const ALNUM = /[0-9a-z]/;

function isAlnumCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

class AhoCorasick implements WordMatcher {
  private readonly next: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  /** Patterns ending exactly at a node. */
  private readonly out: number[][] = [[]];
  /** The nearest node on the failure chain that has outputs (-1: none): follows only nodes worth visiting. */
  private readonly outLink: number[] = [-1];
  private readonly patterns: Pattern[] = [];

  constructor(words: readonly SensitiveWord[]) {
    // The same word (after folding) listed twice is one pattern with the more serious level.
    const byFolded = new Map<string, Pattern>();
    for (const w of words) {
      const folded = foldText(w.word.trim(), true);
      if (!folded) continue;
      const seen = byFolded.get(folded);
      if (seen) {
        if (maxLevel(seen.level, w.level) !== seen.level) Object.assign(seen, { level: w.level, note: w.note, word: w.word });
        continue;
      }
      byFolded.set(folded, {
        word: w.word,
        length: folded.length,
        level: w.level,
        note: w.note,
        boundaryBefore: ALNUM.test(folded[0]!),
        boundaryAfter: ALNUM.test(folded[folded.length - 1]!),
      });
    }
    for (const [folded, pattern] of byFolded) {
      let node = 0;
      for (let i = 0; i < folded.length; i++) {
        const code = folded.charCodeAt(i);
        let child = this.next[node]!.get(code);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map<number, number>());
          this.fail.push(0);
          this.out.push([]);
          this.outLink.push(-1);
          this.next[node]!.set(code, child);
        }
        node = child;
      }
      this.out[node]!.push(this.patterns.length);
      this.patterns.push(pattern);
    }
    // Breadth-first: a node's failure link is the longest proper suffix of its path that is also in the trie.
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [code, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(code)) f = this.fail[f]!;
        const target = this.next[f]!.get(code);
        const link = target !== undefined && target !== child ? target : 0;
        this.fail[child] = link;
        this.outLink[child] = this.out[link]!.length > 0 ? link : this.outLink[link]!;
        queue.push(child);
      }
    }
  }

  get size(): number {
    return this.patterns.length;
  }

  find(text: string): RawFinding[] {
    const found: RawFinding[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = foldCode(text.charCodeAt(i), true);
      while (node !== 0 && !this.next[node]!.has(code)) node = this.fail[node]!;
      node = this.next[node]!.get(code) ?? 0;
      for (let n = this.out[node]!.length > 0 ? node : this.outLink[node]!; n > 0; n = this.outLink[n]!) {
        for (const p of this.out[n]!) this.report(text, i + 1, this.patterns[p]!, found);
      }
    }
    return found.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private report(text: string, end: number, p: Pattern, found: RawFinding[]): void {
    const start = end - p.length;
    if (p.boundaryBefore && start > 0 && isAlnumCode(foldCode(text.charCodeAt(start - 1), true))) return;
    if (p.boundaryAfter && end < text.length && isAlnumCode(foldCode(text.charCodeAt(end), true))) return;
    const finding: RawFinding = { kind: 'sensitive-word', level: p.level, start, end, value: text.slice(start, end) };
    if (p.note !== undefined) finding.note = p.note;
    found.push(finding);
  }
}

const cache = new WeakMap<readonly SensitiveWord[], WordMatcher>();

/** The matcher for a list, built on first use and cached for as long as the list object lives. */
export function compileWords(words: readonly SensitiveWord[]): WordMatcher {
  let matcher = cache.get(words);
  if (!matcher) {
    matcher = new AhoCorasick(words);
    cache.set(words, matcher);
  }
  return matcher;
}

/** Every occurrence of every word of the list in `text`, sorted by position; offsets into `text`. */
export function findSensitiveWords(text: string, words: readonly SensitiveWord[] = DEFAULT_SENSITIVE_WORDS): RawFinding[] {
  return compileWords(words).find(text);
}
