import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { api } from '../api.js';
import type { InboxCounts } from '../interaction/types.js';
import { useLoad } from '../shared/useLoad.js';

/**
 * The messages waiting on the signed-in person, on the first screen they see: overdue, due soon and (for the
 * office) not yet routed — each a link to the inbox filtered to them. Counts come from the inbox itself, so they
 * cover exactly what the person may handle.
 */
export default function MessagesCard({ userId }: { userId: string }) {
  const inbox = useLoad(() => api.get<{ counts: InboxCounts }>('/api/v1/inbox?pageSize=1'), userId);
  const counts = inbox.data?.counts;
  const cells: { title: string; value: number; to: string; danger?: boolean; warn?: boolean }[] = [
    { title: '超期留言', value: counts?.overdue ?? 0, to: '/messages?standing=overdue', danger: true },
    { title: '临期留言', value: counts?.dueSoon ?? 0, to: '/messages?standing=due-soon', warn: true },
    { title: '待分办', value: counts?.received ?? 0, to: '/messages?state=received' },
    { title: '待审核答复', value: counts?.reviewing ?? 0, to: '/messages?state=reviewing' },
  ];
  return (
    <Card title="留言办理" extra={<Link to="/messages">进入留言办理</Link>} loading={inbox.loading}>
      <Row gutter={[16, 16]}>
        {cells.map((c) => (
          <Col key={c.title} xs={12} lg={6}>
            <Link to={c.to} aria-label={`${c.title} ${c.value} 条`}>
              <Statistic
                title={c.title}
                value={c.value}
                styles={{ content: { color: c.value > 0 && c.danger ? '#a8071a' : c.value > 0 && c.warn ? '#ad4e00' : undefined } }}
              />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
