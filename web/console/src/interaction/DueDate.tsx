import { Typography } from 'antd';
import { dueTone } from './logic.js';
import type { ListedMessage } from './types.js';

/** The due date and the working days left: red when overdue, orange when due soon. */
export function DueDate({ m }: { m: Pick<ListedMessage, 'dueDate' | 'state' | 'remainingWorkingDays' | 'overdue' | 'dueSoon'> }) {
  const tone = dueTone(m);
  return (
    <span>
      {m.dueDate ?? '—'}
      {tone.text && (
        <>
          <br />
          <Typography.Text strong={Boolean(tone.color)} style={tone.color ? { color: tone.color } : undefined} type={tone.color ? undefined : 'secondary'}>
            {tone.text}
          </Typography.Text>
        </>
      )}
    </span>
  );
}
