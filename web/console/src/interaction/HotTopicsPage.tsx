import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, Radio, Space, Table, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText } from '../shared/feedback.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { HOT_TOPIC_DAYS, readDays, TREND_LABELS, trendOf, type Trend } from './logic.js';
import type { HotTopic, HotTopics } from './types.js';
import { EmptyText } from './EmptyText.js';

const TREND_ICONS: Record<Trend, { icon: ReactNode; color: string }> = {
  up: { icon: <ArrowUpOutlined />, color: '#a8071a' },
  down: { icon: <ArrowDownOutlined />, color: '#237804' },
  same: { icon: <MinusOutlined />, color: '#595959' },
  new: { icon: <StarOutlined />, color: '#ad4e00' },
};

function TrendCell({ t }: { t: HotTopic }) {
  const trend = trendOf(t.messages, t.previous);
  const { icon, color } = TREND_ICONS[trend];
  return (
    <span style={{ color }}>
      <span aria-hidden>{icon}</span> {TREND_LABELS[trend]}
    </span>
  );
}

/** 留言热点 (/messages/hot-topics): what citizens write about most in the last 7, 30 or 90 days, against the period before. */
export default function HotTopicsPage() {
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const days = useMemo(() => readDays(params), [params]);
  const topics = useLoad(async () => (agency ? api.get<HotTopics>('/api/v1/interaction/hot-topics' + query({ org: agency, days })) : null), `${agency ?? ''}:${days}`);
  const data = topics.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="留言热点">
        <AgencySelect id="topics-agency" agencies={agencies} value={agency} onChange={setAgency} />
        <Radio.Group
          aria-label="统计周期"
          optionType="button"
          value={days}
          onChange={(e) =>
            setParams((p) => {
              p.set('days', String(e.target.value));
              return p;
            })
          }
          options={HOT_TOPIC_DAYS.map((d) => ({ value: d, label: `近 ${d} 天` }))}
        />
      </ScreenHeader>
      {Boolean(topics.error) && <Alert type="error" showIcon title={errorText(topics.error)} />}
      {data && (
        <Typography.Text role="status">
          {data.from} 至 {data.to} 共收到 {data.messages} 条留言（不含不予受理的）；热词按涉及的留言数排列，至少出现在 2 条留言中，与此前同样长的周期比较。
        </Typography.Text>
      )}
      <Table<HotTopic>
        aria-label="热点词"
        rowKey="term"
        loading={topics.loading}
        dataSource={data?.topics ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyText>这一周期没有反复出现的话题。</EmptyText> }}
        columns={[
          { title: '热词', dataIndex: 'term', width: 140, render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
          { title: '留言数', dataIndex: 'messages', width: 90, align: 'right' },
          { title: '上一周期', dataIndex: 'previous', width: 100, align: 'right' },
          { title: '趋势', key: 'trend', width: 110, render: (_: unknown, t) => <TrendCell t={t} /> },
          {
            title: '示例留言',
            key: 'examples',
            render: (_: unknown, t) => (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {t.examples.map((e) => (
                  <li key={e.id}>
                    <Link to={`/messages/${e.id}`}>{e.title}</Link>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Space>
  );
}
