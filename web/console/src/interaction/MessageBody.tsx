import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../shared/format.js';
import { DueDate } from './DueDate.js';
import { fileSize } from './logic.js';
import type { MessageDetail } from './types.js';

const PRE: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' };

/** The message as the citizen sent it: the facts of its handling, the asker (as the API shows them), text and files. */
export function MessageContent({ m }: { m: MessageDetail }) {
  return (
    <Card title="留言内容" size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: '查询码', children: <span style={{ fontFamily: 'monospace' }}>{m.trackingCode}</span> },
          { key: 'submitted', label: '提交时间', children: formatDateTime(m.submittedAt) },
          { key: 'due', label: '办理期限', children: <DueDate m={m} /> },
          { key: 'unit', label: '承办单位', children: m.unit?.name ?? '—' },
          { key: 'name', label: '留言人', children: m.erased ? '（已按保留期限删除）' : (m.name ?? '—') },
          { key: 'contact', label: '联系方式', children: m.erased ? '（已按保留期限删除）' : (m.contact ?? '—') },
          { key: 'consent', label: '同意公开', children: m.publicConsent ? '同意' : '不同意' },
          ...(m.correctionItem
            ? [{ key: 'item', label: '纠错的信息', children: <Link to={`/publishing/items/${m.correctionItem.id}`}>{m.correctionItem.title}</Link> }]
            : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
        {m.title}
      </Typography.Title>
      <Typography.Paragraph style={PRE}>{m.content}</Typography.Paragraph>
      {m.attachments.length > 0 && (
        <section aria-label="附件">
          <Typography.Text strong>附件</Typography.Text>
          <ul style={{ listStyle: 'none', paddingLeft: 0, margin: '4px 0 0' }}>
            {m.attachments.map((a) => (
              <li key={a.id}>
                <Space size={6}>
                  <PaperClipOutlined aria-hidden />
                  <a href={`/api/v1/inbox/${m.id}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                    {a.name}
                  </a>
                  <Typography.Text type="secondary">{fileSize(a.size)}</Typography.Text>
                </Space>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

/** The answer: released, awaiting review, or the reason for not accepting; a complaint's accountability; the rating. */
export function MessageAnswer({ m }: { m: MessageDetail }) {
  const complaint = m.type === 'complaint' && (m.investigation || m.responsibleUnit || m.measures);
  if (!m.reply && !m.draftReply && !m.dismissReason && !complaint) return null;
  return (
    <Card title={m.state === 'dismissed' ? '不予受理' : m.reply ? '答复' : '待审核的答复'} size="small">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {m.dismissReason && <Typography.Paragraph style={PRE}>理由：{m.dismissReason}</Typography.Paragraph>}
        {m.reply && (
          <>
            <Typography.Text type="secondary">
              {[m.repliedBy, formatDateTime(m.repliedAt)].filter(Boolean).join('　')}
            </Typography.Text>
            <Typography.Paragraph style={PRE}>{m.reply}</Typography.Paragraph>
          </>
        )}
        {!m.reply && m.draftReply && <Typography.Paragraph style={PRE}>{m.draftReply}</Typography.Paragraph>}
        {complaint && (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'investigation', label: '调查核实情况', children: <span style={PRE}>{m.investigation ?? ''}</span> },
              { key: 'responsible', label: '责任单位', children: m.responsibleUnit ?? '' },
              { key: 'measures', label: '处理措施', children: <span style={PRE}>{m.measures ?? ''}</span> },
            ]}
          />
        )}
        {m.rating !== null && (
          <Typography.Text>
            留言人评价：{m.rating} 分{m.ratingComment ? `，${m.ratingComment}` : ''}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
