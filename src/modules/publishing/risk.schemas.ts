import { z } from 'zod';
import { requiredText } from '../../shared/validation.js';
import { versionField } from '../../shared/versions.js';
import { RISK_KINDS, RISK_LEVELS } from '../risk/index.js';

export const WordsQuery = z.object({ org: z.string().trim().min(1).max(32) });

export const AddWordBody = z.object({
  org: z.string().trim().min(1).max(32),
  word: requiredText(40, '敏感词'),
  level: z.enum(RISK_LEVELS, { error: `级别应为 ${RISK_LEVELS.join('、')} 之一` }),
  note: z.string().trim().max(200).optional().nullable(),
});
export type AddWordInput = z.output<typeof AddWordBody>;

export const MaskBody = z.object({ version: versionField() });

/** A finding of the scan: where, how serious, and a masked excerpt (never the value itself). */
export const FindingView = z.object({
  kind: z.enum(RISK_KINDS),
  level: z.enum(RISK_LEVELS),
  field: z.string(),
  excerpt: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  note: z.string().optional(),
});

export const MaskView = z.object({ masked: z.number().int(), findings: z.array(FindingView) });

export const WordView = z.object({ id: z.string(), scope: z.string(), word: z.string(), level: z.string(), note: z.string().nullable() });
export type WordView = z.infer<typeof WordView>;
