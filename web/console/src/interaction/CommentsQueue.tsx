import { App, Badge, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, query } from '../api.js';
import { reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { AdoptionDialog, HideDialog } from './CommentDialogs.js';
import { ADOPTION_LABELS, COMMENT_STATE_COLORS, COMMENT_STATE_LABELS, COMMENT_STATES } from './logic.js';
import type { Adoption, CommentCounts, CommentState, StaffComment, StaffComments } from './types.js';
import { EmptyText } from './EmptyText.js';

const PAGE = 50;

interface Props {
  solicitationId: string;
  /** Adoption decisions are taken after closing and until the feedback is published. */
  canDecide: boolean;
  /** Moderation ends when the feedback is published. */
  locked: boolean;
  /** Changes the counts of the solicitation: its screen reloads them. */
  onChanged: () => void;
  /** The counts by state and decision, each time they are loaded. */
  onCounts: (counts: CommentCounts) => void;
  /** Runs a request; rejects with the API's error so that a dialog can show field errors (409: an alert instead). */
  run: (request: () => Promise<unknown>, done: string) => Promise<void>;
}

/** 意见审核: the comments by state with their contacts; show, hide (with a reason), and decide on adoption. */
export function CommentsQueue({ solicitationId, canDecide, locked, onChanged, onCounts, run }: Props) {
  const { message } = App.useApp();
  const [state, setState] = useState<CommentState | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const list = useLoad(
    () => api.get<StaffComments>(`/api/v1/solicitations/${encodeURIComponent(solicitationId)}/comments` + query({ state: state === 'all' ? undefined : state, page, pageSize: PAGE })),
    `${solicitationId}:${state}:${page}:${tick}`,
  );
  const [hiding, setHiding] = useState<StaffComment | null>(null);
  const [deciding, setDeciding] = useState<StaffComment | null>(null);
  const counts = list.data?.counts;
  useEffect(() => {
    if (counts) onCounts(counts);
  }, [counts, onCounts]);
  const changed = () => {
    setTick((t) => t + 1);
    onChanged();
  };
  const moderate = (c: StaffComment, decision: 'show' | 'hide', reason?: string) =>
    run(() => api.post(`/api/v1/solicitation-comments/${encodeURIComponent(c.id)}/moderate`, { decision, ...(reason ? { reason } : {}) }), decision === 'show' ? '意见已显示' : '意见已隐藏').finally(changed);
  const decide = (c: StaffComment, v: { adoption: Adoption; reason: string }) =>
    run(() => api.post(`/api/v1/solicitation-comments/${encodeURIComponent(c.id)}/adoption`, v), '已记录采纳决定').finally(changed);

  return (
    <section aria-label="意见审核">
      <Tabs
        activeKey={state}
        onChange={(k) => {
          setState(k as CommentState | 'all');
          setPage(1);
        }}
        items={[
          ...COMMENT_STATES.map((s) => ({
            key: s,
            label: (
              <span>
                {COMMENT_STATE_LABELS[s]}
                <Badge count={counts?.[s] ?? 0} showZero overflowCount={999} color={counts?.[s] ? '#0958d9' : '#595959'} style={{ marginLeft: 6 }} aria-label={`${counts?.[s] ?? 0} 条`} />
              </span>
            ),
          })),
          { key: 'all', label: '全部' },
        ]}
      />
      <Table<StaffComment>
        aria-label="意见列表"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.comments ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
        locale={{ emptyText: <EmptyText>没有这一状态的意见。</EmptyText> }}
        columns={[
          { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: (at: string) => formatDateTime(at) },
          {
            title: '提交人',
            key: 'who',
            width: 160,
            render: (_: unknown, c) => (
              <Space orientation="vertical" size={0}>
                <span>{c.name ?? '匿名'}</span>
                {c.contact && <Typography.Text type="secondary">{c.contact}</Typography.Text>}
              </Space>
            ),
          },
          { title: '意见内容', dataIndex: 'content', render: (t: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span> },
          {
            title: '状态',
            dataIndex: 'state',
            width: 170,
            render: (s: CommentState, c) => (
              <Space orientation="vertical" size={2}>
                <Tag variant="solid" color={COMMENT_STATE_COLORS[s]}>
                  {COMMENT_STATE_LABELS[s]}
                </Tag>
                {c.hiddenReason && s === 'hidden' && <Typography.Text type="secondary">理由：{c.hiddenReason}</Typography.Text>}
                {c.adoption && (
                  <Typography.Text>
                    {ADOPTION_LABELS[c.adoption]}
                    {c.adoptionReason ? `：${c.adoptionReason}` : ''}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            render: (_: unknown, c) =>
              locked ? (
                <Typography.Text type="secondary">采纳情况已公布</Typography.Text>
              ) : (
                <Space wrap size={4}>
                  {c.state !== 'shown' && (
                    <Button size="small" onClick={() => void moderate(c, 'show').catch((e: unknown) => reportError(e, message))}>
                      显示
                    </Button>
                  )}
                  {c.state !== 'hidden' && (
                    <Button size="small" danger onClick={() => setHiding(c)}>
                      隐藏
                    </Button>
                  )}
                  {canDecide && c.state === 'shown' && (
                    <Button size="small" type="primary" onClick={() => setDeciding(c)}>
                      {c.adoption ? '修改采纳决定' : '采纳决定'}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <HideDialog key={hiding?.id ?? 'none'} comment={hiding} onClose={() => setHiding(null)} onSubmit={(reason) => moderate(hiding!, 'hide', reason)} />
      <AdoptionDialog key={deciding?.id ?? 'none'} comment={deciding} onClose={() => setDeciding(null)} onSubmit={(v) => decide(deciding!, v)} />
    </section>
  );
}
