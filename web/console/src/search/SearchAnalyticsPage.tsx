import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, type CSSProperties } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText } from '../shared/feedback.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { percent, readPeriod, searchPath } from './logic.js';
import type { QueryStat, SearchAnalytics } from './types.js';

dayjs.locale('zh-cn');

const SR_ONLY: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/** 检索分析: what the public searched for, what found nothing (content gaps), and what was opened. */
export default function SearchAnalyticsPage() {
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const chosen = useMemo(() => readPeriod(params), [params]);
  const stats = useLoad(
    async () => (agency ? api.get<SearchAnalytics>('/api/v1/search/analytics' + query({ org: agency, from: chosen?.from, to: chosen?.to })) : null),
    `${agency ?? ''}:${chosen?.from ?? ''}:${chosen?.to ?? ''}`,
  );
  const data = stats.data;
  // Without a chosen period the server's default (the last 30 days) is shown as the answer names it.
  const period = chosen ?? (data ? { from: data.from, to: data.to } : null);
  const fields = stats.error instanceof ApiError ? Object.values(stats.error.fields).filter((f) => f !== (stats.error as ApiError).message) : [];

  const setPeriod = (from: string, to: string) =>
    setParams((p) => {
      p.set('from', from);
      p.set('to', to);
      return p;
    });

  const queryLink = (q: string) => <Link to={searchPath(q, agency)}>{q}</Link>;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="检索分析">
        <AgencySelect id="analytics-agency" agencies={agencies} value={agency} onChange={setAgency} />
        <label htmlFor="analytics-from">统计日期</label>
        <label htmlFor="analytics-to" style={SR_ONLY}>
          统计截止日期
        </label>
        <DatePicker.RangePicker
          id={{ start: 'analytics-from', end: 'analytics-to' }}
          allowClear={false}
          value={period ? [dayjs(period.from), dayjs(period.to)] : null}
          onChange={(v) => {
            const [from, to] = (v ?? []) as [Dayjs | null, Dayjs | null];
            if (from && to) setPeriod(from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD'));
          }}
        />
      </ScreenHeader>
      <Typography.Text type="secondary">
        统计门户和接口上公众的检索（只计首页，不记录任何个人信息；检索词中的身份证号、手机号等已遮盖）。点击检索词可在站内检索中查看结果。
      </Typography.Text>
      {Boolean(agencies.error) && <Alert type="error" showIcon title={errorText(agencies.error)} />}
      {Boolean(stats.error) && <Alert type="error" showIcon title={errorText(stats.error)} description={fields.length > 0 ? fields.join('；') : undefined} />}

      <Row gutter={[16, 16]}>
        {(
          [
            ['检索次数', data?.totals.searches],
            ['无结果次数', data?.totals.zeroResults],
            ['结果点击次数', data?.totals.clicks],
            ['不同检索词', data?.totals.queries],
          ] as const
        ).map(([title, value]) => (
          <Col key={title} xs={12} md={6}>
            <Card>
              <Statistic title={title} value={value ?? 0} loading={stats.loading && !data} />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <section aria-labelledby="analytics-top">
            <Typography.Title level={2} id="analytics-top" style={{ fontSize: 16 }}>
              热门检索词
            </Typography.Title>
            <Table<QueryStat>
              aria-labelledby="analytics-top"
              size="small"
              rowKey="query"
              loading={stats.loading}
              dataSource={data?.top ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: '所选期间没有检索记录' }}
              columns={[
                { title: '检索词', dataIndex: 'query', render: (q: string) => queryLink(q) },
                { title: '检索次数', dataIndex: 'searches', align: 'right', width: 100 },
                { title: '点击次数', dataIndex: 'clicks', align: 'right', width: 100 },
                { title: '点击率', dataIndex: 'clickThrough', align: 'right', width: 100, render: (r: number) => percent(r) },
              ]}
            />
          </section>
        </Col>
        <Col xs={24} xl={10}>
          <section aria-labelledby="analytics-zero">
            <Typography.Title level={2} id="analytics-zero" style={{ fontSize: 16 }}>
              无结果检索词（内容缺口）
            </Typography.Title>
            <Table<QueryStat>
              aria-labelledby="analytics-zero"
              size="small"
              rowKey="query"
              loading={stats.loading}
              dataSource={data?.zeroResults ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: '所选期间没有无结果的检索' }}
              columns={[
                { title: '检索词', dataIndex: 'query', render: (q: string) => queryLink(q) },
                { title: '检索次数', dataIndex: 'searches', align: 'right', width: 100 },
                { title: '无结果次数', dataIndex: 'zeroResults', align: 'right', width: 110 },
              ]}
            />
          </section>
        </Col>
      </Row>
    </Space>
  );
}
