import { createRequire } from 'node:module';
import * as OpenCC from 'opencc-js';

/**
 * Chinese word segmentation for search (issue: one interface, two engines that agree). Both the indexer and
 * the query side normalise text the same way — full-width folded, lower case, Traditional converted to
 * Simplified — and segment it with jieba plus a dictionary of government terms that must stay whole.
 * Tokens are joined with spaces, so SQLite FTS5 (unicode61) and PostgreSQL (`to_tsvector('simple', …)`) index
 * exactly the same words.
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

/** The one normalisation of indexed text and queries (NFKC folds full-width forms; spaces stay word breaks). */
export function normalise(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

const WORD = /[\p{L}\p{N}]/u;

/** Tokens for the index: every word and, for long words, their parts too (jieba's search mode). */
export function indexTokens(text: string): string[] {
  return jieba()
    .cutForSearch(normalise(text), true)
    .map((t) => t.trim())
    .filter((t) => t && WORD.test(t));
}

/** Tokens of a query: the words as the user meant them (no sub-words, which would widen the match). */
export function queryTokens(text: string): string[] {
  return jieba()
    .cut(normalise(text), true)
    .map((t) => t.trim())
    .filter((t) => t && WORD.test(t));
}

/** Space-joined tokens: the column both engines' full-text indexes are built on. */
export function indexText(text: string): string {
  return indexTokens(text).join(' ');
}
