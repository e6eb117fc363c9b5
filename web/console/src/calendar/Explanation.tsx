import { Descriptions, Tag, Timeline, Typography } from 'antd';
import type { DeadlineResult } from './types.js';

/** A deadline's due date and its explanation, one sentence a line, as the citizen would read it. */
export function Explanation({ result, title = '计算说明' }: { result: DeadlineResult; title?: string }) {
  return (
    <section aria-label={title}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'due',
            label: '截止日期',
            children: result.dueDate ? (
              <Typography.Text strong data-testid="due-date">
                {result.dueDate}
              </Typography.Text>
            ) : (
              <Tag color="gold">已暂停，恢复计算后确定</Tag>
            ),
          },
          { key: 'days', label: '时限', children: `${result.totalWorkingDays} 个工作日（已计 ${result.countedWorkingDays} 个${result.pausedWorkingDays ? `，暂停期间 ${result.pausedWorkingDays} 个不计入` : ''}）` },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 15, margin: '16px 0 12px' }}>
        {title}
      </Typography.Title>
      <Timeline items={result.steps.map((s, i) => ({ key: i, content: s, color: i === result.steps.length - 1 ? 'green' : 'blue' }))} />
    </section>
  );
}
