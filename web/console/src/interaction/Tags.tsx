import { Tag } from 'antd';
import { STATE_COLORS, STATE_LABELS, TYPE_COLORS, TYPE_LABELS } from './logic.js';
import type { MessageState, MessageType } from './types.js';

export function TypeTag({ type }: { type: MessageType }) {
  return (
    <Tag variant="solid" color={TYPE_COLORS[type]}>
      {TYPE_LABELS[type]}
    </Tag>
  );
}

export function StateTag({ state }: { state: MessageState }) {
  return (
    <Tag variant="solid" color={STATE_COLORS[state]}>
      {STATE_LABELS[state]}
    </Tag>
  );
}
