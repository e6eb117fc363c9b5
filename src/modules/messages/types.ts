/** Message types (docs/product.md M5; docs/plan.md ch.8 §1.1.44 建议、问题、投诉 plus 咨询 and 纠错) and their default reply limits. */
export const MESSAGE_TYPES = ['consultation', 'suggestion', 'problem', 'complaint', 'correction'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const TYPE_LABELS: Record<MessageType, string> = {
  consultation: '咨询',
  suggestion: '建议',
  problem: '问题',
  complaint: '投诉',
  correction: '纠错',
};

/** Working days to reply, the day of submission not counted; an agency may set its own (interaction_settings). */
export const DEFAULT_REPLY_LIMITS: Record<MessageType, number> = {
  consultation: 5,
  suggestion: 10,
  problem: 10,
  complaint: 15,
  correction: 3,
};

export const DEFAULT_DUE_SOON_DAYS = 2;

export function isMessageType(value: string): value is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(value);
}
