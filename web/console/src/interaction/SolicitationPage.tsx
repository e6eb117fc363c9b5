import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { errorText } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { Loading } from '../shared/Loading.js';
import { useLoad } from '../shared/useLoad.js';
import { CommentsQueue } from './CommentsQueue.js';
import { FeedbackCard } from './FeedbackCard.js';
import { SolicitationDialog, type SolicitationBody } from './SolicitationDialog.js';
import { StatusTag } from './SolicitationTags.js';
import type { CommentCounts, Solicitation } from './types.js';

/** 意见征集详情 (/solicitations/:id): the period and text, the moderation queue, adoption decisions and the feedback. */
export default function SolicitationPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  // Only the solicitation itself: its comments come from the moderation queue.
  const loaded = useLoad(() => api.get<Solicitation>(`/api/v1/solicitations/${encodeURIComponent(id)}?pageSize=1`), `${id}:${tick}`);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [counts, setCounts] = useState<CommentCounts>();
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const s = loaded.data;

  /** A request whose 409 (stale version, not closed, comments pending …) becomes the page's alert. */
  const run = useCallback(
    async (request: () => Promise<unknown>, done: string) => {
      try {
        await request();
        setConflict(null);
        void message.success(done);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 409)) throw e;
        setConflict(e.message);
      }
    },
    [message],
  );

  if (!s || s.id !== id) {
    if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
    return <Loading />;
  }

  const path = `/api/v1/solicitations/${encodeURIComponent(s.id)}`;
  const save = (b: SolicitationBody) => run(() => api.patch(path, { ...b, version: s.version }), '已保存意见征集').finally(reload);
  const publish = (feedback: string) => run(() => api.post(`${path}/feedback`, { feedback }), '已公布采纳情况').finally(reload);
  const locked = s.feedbackPublishedAt !== null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/solicitations">← 返回意见征集</Link>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {s.title}
          </Typography.Title>
          <StatusTag status={s.status} />
        </Space>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          编辑
        </Button>
      </Space>
      {conflict && <Alert type="warning" showIcon title={conflict} closable={{ onClose: () => setConflict(null) }} />}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'opens', label: '开始时间', children: formatDateTime(s.opensAt) },
            { key: 'closes', label: '截止时间', children: formatDateTime(s.closesAt) },
            { key: 'shown', label: '已显示意见', children: `${s.counts.shown} 条` },
            { key: 'pending', label: '待审核 / 已隐藏', children: s.staff ? `${s.staff.pending} 条 / ${s.staff.hidden} 条` : '—' },
            { key: 'summary', label: '征集说明', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.summary}</span> },
          ]}
        />
      </Card>
      <Card title="意见审核" size="small">
        <CommentsQueue solicitationId={s.id} canDecide={s.status === 'closed' && !locked} locked={locked} onChanged={reload} onCounts={setCounts} run={run} />
      </Card>
      <FeedbackCard s={s} counts={counts} publish={publish} />
      <SolicitationDialog key={s.version} entry={s} open={editing} onClose={() => setEditing(false)} onSubmit={save} />
    </Space>
  );
}
