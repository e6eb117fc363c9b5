import { Alert, App, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { TAG_COLORS } from '../publishing/logic.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { Loading } from '../shared/Loading.js';
import { useLoad } from '../shared/useLoad.js';
import { MessageActions } from './MessageActions.js';
import { MessageAnswer, MessageContent } from './MessageBody.js';
import { MessageTimeline } from './MessageTimeline.js';
import type { PromoteValues } from './PromoteDialog.js';
import { PublicQa, type PublishBody } from './PublicQa.js';
import { StateTag, TypeTag } from './Tags.js';
import type { FaqEntry, MessageDetail } from './types.js';

/** A conflict (409: someone else handled the message, or its state no longer allows the action) is shown as an alert. */
const isConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409;

/** 留言详情 (/messages/:id): the message, its due date, the answer, the public copy, the history and the allowed actions. */
export default function MessageDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back ?? '/messages';
  const { can } = useSession();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const loaded = useLoad(() => api.get<MessageDetail>(`/api/v1/inbox/${encodeURIComponent(id)}`), `${id}:${tick}`);
  const [conflict, setConflict] = useState<string | null>(null);
  const m = loaded.data;
  const reload = () => setTick((t) => t + 1);

  if (!m || m.id !== id) {
    if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
    return <Loading />;
  }

  const path = `/api/v1/inbox/${encodeURIComponent(m.id)}`;
  /** Runs an action; a 409 becomes the page's alert, other failures go back to the dialog (field errors). */
  const act = async (action: string, body: unknown, done: string | ((after: MessageDetail) => string)) => {
    try {
      const after = await api.post<MessageDetail>(`${path}/${action}`, body);
      setConflict(null);
      void message.success(typeof done === 'string' ? done : done(after));
    } catch (e) {
      if (!isConflict(e)) throw e;
      setConflict(e.message);
    }
    reload();
  };
  const publish = (body: PublishBody, done: string) => act('publish', body, done);
  const promote = async (v: PromoteValues) => {
    try {
      const entry = await api.post<FaqEntry>('/api/v1/faq', { org: m.org, sourceMessageId: m.id, ...v });
      setConflict(null);
      void message.success(entry.state === 'hidden' ? '已加入问答库（暂不公开，请核对后公开）' : '已加入问答库并公开');
    } catch (e) {
      if (!isConflict(e)) throw e;
      setConflict(e.message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={back}>← 返回留言列表</Link>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <TypeTag type={m.type} />
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {m.title}
          </Typography.Title>
          <StateTag state={m.state} />
          {m.publicCopy && (
            <Tag variant="solid" color={TAG_COLORS.green}>
              已公开
            </Tag>
          )}
        </Space>
        <MessageActions m={m} canPromote={can('interaction.manage')} act={act} publish={publish} promote={promote} />
      </Space>
      {conflict && <Alert type="warning" showIcon title={conflict} description="页面已刷新为最新状态。" closable={{ onClose: () => setConflict(null) }} />}
      {m.state === 'answered' && !m.publicConsent && <Typography.Text type="secondary">留言人未同意公开，这条留言不能公开为问答。</Typography.Text>}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <MessageContent m={m} />
            <MessageAnswer m={m} />
            <PublicQa m={m} publish={publish} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="办理记录" size="small">
            <MessageTimeline events={m.events} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
