/**
 * 体裁分类: the 15 kinds of 党政机关公文 (党政机关公文处理工作条例 2012 Art. 8; formats in GB/T 9704-2012) and 其他.
 * `code` is a stable English slug, `name` the Chinese name shown to users.
 */

export const GENRES = [
  { code: 'resolution', name: '决议' },
  { code: 'decision', name: '决定' },
  { code: 'order', name: '命令' },
  { code: 'communique', name: '公报' },
  { code: 'announcement', name: '公告' },
  { code: 'public-notice', name: '通告' },
  { code: 'opinion', name: '意见' },
  { code: 'notice', name: '通知' },
  { code: 'circular', name: '通报' },
  { code: 'report', name: '报告' },
  { code: 'request', name: '请示' },
  { code: 'reply', name: '批复' },
  { code: 'motion', name: '议案' },
  { code: 'letter', name: '函' },
  { code: 'minutes', name: '纪要' },
  { code: 'other', name: '其他' },
] as const;

export type GenreName = (typeof GENRES)[number]['name'];

export const GENRE_NAMES: readonly GenreName[] = GENRES.map((g) => g.name);

export function isGenreName(name: string): name is GenreName {
  return (GENRE_NAMES as readonly string[]).includes(name);
}

export function genreByCode(code: string): (typeof GENRES)[number] | null {
  return GENRES.find((g) => g.code === code) ?? null;
}

export function genreByName(name: string): (typeof GENRES)[number] | null {
  return GENRES.find((g) => g.name === name.trim()) ?? null;
}

/**
 * Title endings and the genre they mean, longest first where one ends another (通报 before 报告 is not needed —
 * endsWith is exact — but 令 must come after every 公文 name that ends in it, none does). Documented mapping:
 *  - the 15 names themselves (…的通知 → 通知, …实施意见 / 指导意见 → 意见, 会议纪要 → 纪要, …的函 / 复函 → 函);
 *  - decrees: …令 (国务院令, 主席令) and 命令 → 命令;
 *  - 公报 covers 统计公报 and 会议公报; 决议 covers 会议决议;
 *  - 办法, 规定, 条例, 细则, 规则, 规划, 方案, 计划, 指南, 目录, 清单, 标准, 解读, 法 and anything else → 其他: these
 *    are the names of the enclosed instruments, not 公文 kinds; the 公文 that issues them is usually a 通知 or 令
 *    whose title ends in that word.
 */
const ENDINGS: [string, GenreName][] = [
  ['决议', '决议'],
  ['决定', '决定'],
  ['命令', '命令'],
  ['公报', '公报'],
  ['公告', '公告'],
  ['通告', '通告'],
  ['意见', '意见'],
  ['通知', '通知'],
  ['通报', '通报'],
  ['报告', '报告'],
  ['请示', '请示'],
  ['批复', '批复'],
  ['议案', '议案'],
  ['纪要', '纪要'],
  ['函', '函'],
  ['令', '命令'],
];

/** Trailing qualifiers that do not change the genre: （试行） （暂行） （征求意见稿） （2023年修订） 〔2017〕47号 and the like. */
const TRAILING = /(?:\s*[（(【〔[][^（）()【】〔〕[\]]*[)）】〕\]]\s*|\s*[\p{P}\s]+|\s*第?[0-9零〇一二三四五六七八九十百千]+号)$/u;

export function guessGenre(title: string): GenreName {
  let t = (title ?? '').normalize('NFKC').trim();
  for (let i = 0; i < 5; i++) {
    const stripped = t.replace(TRAILING, '');
    if (stripped === t) break;
    t = stripped;
  }
  for (const [ending, genre] of ENDINGS) {
    if (t.endsWith(ending)) return genre;
  }
  return '其他';
}
