import { createRequire } from 'node:module';
import * as OpenCC from 'opencc-js';

/**
 * The one normalisation of indexed text and queries — full-width folded, lower case, Traditional converted to
 * Simplified — and the segmentation of queries into words with jieba plus a dictionary of government terms
 * that must stay whole. The index itself holds character bigrams (grams.ts, docs/adr/0013).
 */
const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

/** Terms of government work that jieba's general dictionary splits; a high frequency keeps them whole. */
export const GOVERNMENT_TERMS: readonly string[] = [
  '营商环境', '一网通办', '一网统管', '政务公开', '政务服务', '放管服', '最多跑一次', '跨省通办', '证明事项',
  '信息公开', '依申请公开', '主动公开', '政府信息公开', '政府信息公开条例', '公开指南', '公开目录', '政策解读',
  '规范性文件', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政复议', '行政诉讼', '行政审批',
  '双随机一公开', '互联网+政务服务', '12345热线', '民生实事', '乡村振兴', '共同富裕', '营商环境优化',
  '预算公开', '决算公开', '三公经费', '政府采购', '专项资金', '重大行政决策', '政务新媒体', '政府网站',
  '统一社会信用代码', '组织机构代码', '索引号', '发文字号', '成文日期', '国务院办公厅', '人民政府',
];

let segmenter: InstanceType<typeof Jieba> | undefined;
function jieba(): InstanceType<typeof Jieba> {
  if (!segmenter) {
    segmenter = Jieba.withDict(dict);
    segmenter.loadDict(Buffer.from(GOVERNMENT_TERMS.map((t) => `${t} 100000 n`).join('\n')));
  }
  return segmenter;
}

// Taiwan phrases too (資訊 → 信息, 軟體 → 软件), not only characters: a reader in Taiwan finds mainland wording.
const toSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });
const charToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

let traditional: Uint8Array | undefined;
/** Every BMP character that OpenCC writes differently in Simplified Chinese (built once, in about 50 ms). */
function traditionalTable(): Uint8Array {
  if (!traditional) {
    traditional = new Uint8Array(0x10000);
    for (const [from, to] of [[0x3400, 0x9fff], [0xf900, 0xfaff]] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (charToSimplified(ch) !== ch) traditional[c] = 1;
      }
    }
  }
  return traditional;
}

function hasTraditional(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)]) return true;
  return false;
}

const BREAK = /[\s\p{P}]/u;
const isBreak = (text: string, i: number) => BREAK.test(text[i]!);

/**
 * The one normalisation of indexed text and queries (NFKC folds full-width forms; spaces stay word breaks).
 * Conversion to Simplified is the slow part (a few MB/s), and government text is nearly all Simplified: only
 * the phrases (text between punctuation) that contain a Traditional character are converted. Phrases of
 * characters common to both scripts (滑鼠) stay as written on both sides, index and query alike.
 */
export function normalise(text: string): string {
  const folded = text.normalize('NFKC');
  const table = traditionalTable();
  if (!hasTraditional(folded, table)) return folded.toLowerCase();
  let out = '';
  let done = 0;
  for (let i = 0; i < folded.length; i++) {
    if (!table[folded.charCodeAt(i)]) continue;
    let start = i;
    while (start > done && !isBreak(folded, start - 1)) start--;
    let end = i + 1;
    while (end < folded.length && !isBreak(folded, end)) end++;
    out += folded.slice(done, start) + toSimplified(folded.slice(start, end));
    done = end;
    i = end;
  }
  return (out + folded.slice(done)).toLowerCase();
}

const WORD = /[\p{L}\p{N}]/u;

/** Tokens of a query: the words as the user meant them (no sub-words, which would widen the match). */
export function queryTokens(text: string): string[] {
  return jieba()
    .cut(normalise(text), true)
    .map((t) => t.trim())
    .filter((t) => t && WORD.test(t));
}
