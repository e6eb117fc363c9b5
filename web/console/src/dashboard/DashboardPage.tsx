import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api.js';
import { actionLabel, objectName, OUTCOME_LABELS } from '../audit/labels.js';
import { useSession } from '../session.js';
import { formatDateTime, greeting } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import type { AuditRecord, Org } from '../types.js';
import MessagesCard from './MessagesCard.js';

interface Overview {
  agencies: number;
  units: number | null;
  orgNames: Map<string, string>;
  users: number | null;
  audit: AuditRecord[] | null;
}

/** Agencies beyond this many are counted but their units are not fetched one by one on the dashboard. */
const MAX_AGENCY_TREES = 20;

export default function DashboardPage() {
  const { user, can, roleLabel } = useSession();
  const overview = useLoad<Overview>(async () => {
    const [{ orgs: agencies }, users, audit] = await Promise.all([
      api.get<{ orgs: Org[] }>('/api/v1/orgs'),
      can('user.read') ? api.get<{ total: number }>('/api/v1/users?pageSize=1') : Promise.resolve(null),
      can('audit.read') ? api.get<{ records: AuditRecord[] }>('/api/v1/audit?pageSize=10') : Promise.resolve(null),
    ]);
    const trees =
      agencies.length <= MAX_AGENCY_TREES
        ? await Promise.all(agencies.map(async (a) => (await api.get<{ orgs: Org[] }>(`/api/v1/orgs?agency=${encodeURIComponent(a.code)}`)).orgs))
        : null;
    const orgNames = new Map((trees?.flat() ?? agencies).map((o) => [o.id, o.name]));
    return {
      agencies: agencies.length,
      units: trees ? trees.flat().filter((o) => o.kind === 'unit').length : null,
      orgNames,
      users: users?.total ?? null,
      audit: audit?.records ?? null,
    };
  }, user.id);
  const data = overview.data;

  const scopeName = (id: string) => (id === '*' ? '全平台' : (data?.orgNames.get(id) ?? '所属机构'));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {greeting(new Date())}，{user.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          您的角色与管理范围：
        </Typography.Paragraph>
        <Space wrap>
          {(user.assignments ?? []).map((a) => (
            <Tag key={a.role + a.scopeOrgId} color="blue">
              {roleLabel(a.role)} · {scopeName(a.scopeOrgId)}
            </Tag>
          ))}
          {(user.assignments ?? []).length === 0 && <Typography.Text type="secondary">尚未授予角色，请联系安全管理员。</Typography.Text>}
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Card loading={overview.loading}>
            <Statistic title="机关（站点）" value={data?.agencies ?? 0} />
          </Card>
        </Col>
        {data?.units !== null && (
          <Col xs={24} sm={12} lg={6}>
            <Card loading={overview.loading}>
              <Statistic title="科室与单位" value={data?.units ?? 0} />
            </Card>
          </Col>
        )}
        {can('user.read') && (
          <Col xs={24} sm={12} lg={6}>
            <Card loading={overview.loading}>
              <Statistic title="工作人员（权限范围内）" value={data?.users ?? 0} />
            </Card>
          </Col>
        )}
      </Row>

      {can('message.read') && <MessagesCard userId={user.id} />}

      <Card title="快捷入口">
        <Space wrap size="large">
          {can('org.read') && <Link to="/orgs">机构与科室</Link>}
          {can('org.read') && <Link to="/profile">机关概况</Link>}
          {can('user.read') && <Link to="/users">用户与角色</Link>}
          {can('audit.read') && <Link to="/audit">审计日志</Link>}
          <Link to="/account">修改密码</Link>
        </Space>
      </Card>

      {can('audit.read') && (
        <Card title="最近的审计记录" extra={<Link to="/audit">查看全部</Link>}>
          <Table<AuditRecord>
            size="small"
            rowKey="seq"
            pagination={false}
            loading={overview.loading}
            dataSource={data?.audit ?? []}
            locale={{ emptyText: '暂无记录' }}
            columns={[
              { title: '时间', dataIndex: 'at', render: (at: string) => formatDateTime(at), width: 180 },
              { title: '操作人', dataIndex: 'actorName', render: (n: string | null) => n ?? '（系统）' },
              { title: '操作', dataIndex: 'action', render: (a: string) => actionLabel(a) },
              { title: '对象', key: 'object', render: (_: unknown, r) => objectName(r.objectId, r.summary) },
              {
                title: '结果',
                dataIndex: 'outcome',
                render: (o: string) => <Tag color={OUTCOME_LABELS[o]?.color}>{OUTCOME_LABELS[o]?.label ?? o}</Tag>,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
