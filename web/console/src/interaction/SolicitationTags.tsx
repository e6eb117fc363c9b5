import { Tag } from 'antd';
import { SOLICITATION_STATUS_COLORS, SOLICITATION_STATUS_LABELS } from './logic.js';
import type { SolicitationStatus } from './types.js';

export function StatusTag({ status }: { status: SolicitationStatus }) {
  return (
    <Tag variant="solid" color={SOLICITATION_STATUS_COLORS[status]}>
      {SOLICITATION_STATUS_LABELS[status]}
    </Tag>
  );
}
