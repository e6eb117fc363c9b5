import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../shared/format.js';
import { eventText } from './logic.js';
import type { MessageEvent } from './types.js';

const COLORS: Record<string, string> = { dismiss: 'gray', 'send-back': 'red', return: 'red', release: 'green', reply: 'green', published: 'green' };

/** 办理记录: every step of the message — who, when, between which units, and why. */
export function MessageTimeline({ events }: { events: MessageEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无办理记录。</Typography.Text>;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.seq,
        color: COLORS[e.type] ?? 'blue',
        title: formatDateTime(e.at),
        content: (
          <>
            <div>{eventText(e)}</div>
            <Typography.Text type="secondary">{e.actor}</Typography.Text>
          </>
        ),
      }))}
    />
  );
}
