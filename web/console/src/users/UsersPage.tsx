import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { api, query } from '../api.js';
import { useAllOrgTrees } from '../orgs/useOrgs.js';
import { useRoles, useSession } from '../session.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { FormModal } from '../shared/FormModal.js';
import { useLoad } from '../shared/useLoad.js';
import type { ResetRequest, RoleAssignment, User } from '../types.js';
import { OrgPicker } from './OrgPicker.js';
import { KIND_LABELS, OneTimePasswordModal, ResetRequestsCard } from './ResetRequests.js';
import { GrantFields, UserFields } from './UserFields.js';
import { TAG_COLORS } from '../publishing/logic.js';

interface Filters {
  q: string;
  org: string | undefined;
  status: 'active' | 'disabled' | undefined;
  page: number;
  pageSize: number;
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'reset-request'; user: User; reset: ResetRequest['kind'] }
  | { kind: 'grant'; user: User }
  | null;

interface UserValues {
  username?: string;
  displayName: string;
  org: string;
  email?: string;
  phone?: string;
  password?: string;
}

export default function UsersPage() {
  const { can, needsTwoPeople, roleLabel, user: me } = useSession();
  const roles = useRoles();
  const { message, modal } = App.useApp();
  const orgs = useAllOrgTrees();
  const tree = orgs.data?.tree ?? [];
  const [filters, setFilters] = useState<Filters>({ q: '', org: undefined, status: undefined, page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const list = useLoad(
    () => api.get<{ total: number; users: User[] }>('/api/v1/users' + query({ ...filters })),
    JSON.stringify(filters),
  );
  const resets = useLoad(
    () => (can('user.reset-admin') ? api.get<{ requests: ResetRequest[] }>('/api/v1/reset-requests') : Promise.resolve({ requests: [] })),
    'resets',
  );

  /** Runs an action on a user, reports the server's answer (refusals included) and refreshes the list. */
  const act = async (done: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(done);
      list.reload();
    } catch (e) {
      reportError(e, message);
    }
  };
  const path = (u: User, suffix = '') => `/api/v1/users/${encodeURIComponent(u.id)}${suffix}`;

  const confirm = (title: string, content: string, onOk: () => Promise<void>): void => {
    modal.confirm({ title, content, okText: '确定', cancelText: '取消', onOk });
  };

  const menuFor = (u: User): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [];
    if (can('role.grant')) items.push({ key: 'grant', label: '授予角色', onClick: () => setDialog({ kind: 'grant', user: u }) });
    if (can('user.disable') && u.id !== me.id) {
      items.push(
        u.status === 'active'
          ? {
              key: 'disable',
              danger: true,
              label: '停用账号',
              onClick: () =>
                confirm(`停用 ${u.displayName}（${u.username}）？`, '停用后该账号立即退出登录且无法再登录，可随时重新启用。', () =>
                  act('账号已停用', () => api.post(path(u, '/disable'))),
                ),
            }
          : { key: 'enable', label: '启用账号', onClick: () => void act('账号已启用', () => api.post(path(u, '/enable'))) },
      );
    }
    if (u.id === me.id) return items;
    if (needsTwoPeople(u.roles.map((a) => a.role))) {
      // An administrator's credentials: one person asks, another approves (the list below).
      if (can('user.reset-admin')) {
        items.push({ key: 'password', label: '申请重置密码', onClick: () => setDialog({ kind: 'reset-request', user: u, reset: 'password' }) });
        items.push({
          key: 'totp',
          label: '申请重置动态验证码',
          disabled: !u.totpEnrolled,
          onClick: () => setDialog({ kind: 'reset-request', user: u, reset: 'totp' }),
        });
      }
    } else if (can('user.reset-password')) {
      items.push({
        key: 'password',
        label: '重置密码',
        onClick: () =>
          confirm(`重置 ${u.displayName} 的密码？`, '系统将生成一次性密码，仅显示一次；本人登录时须改为自己的密码。该账号立即退出登录。', async () => {
            try {
              const res = await api.post<{ oneTimePassword: string }>(path(u, '/password'));
              setOneTime({ name: u.displayName, password: res.oneTimePassword });
              list.reload();
            } catch (e) {
              reportError(e, message);
            }
          }),
      });
      items.push({
        key: 'totp',
        label: '重置动态验证码',
        disabled: !u.totpEnrolled,
        onClick: () =>
          confirm(`重置 ${u.displayName} 的动态验证码？`, '其下次登录时须重新绑定验证器应用。', () =>
            act('动态验证码已重置', () => api.post(path(u, '/totp-reset'))),
          ),
      });
    }
    return items;
  };

  const revoke = (u: User, a: RoleAssignment) =>
    confirm(`撤销 ${u.displayName} 的“${roleLabel(a.role)}”角色？`, `管理范围：${a.orgName ?? a.org}`, () =>
      act('角色已撤销', () => api.delete(path(u, `/roles/${encodeURIComponent(a.id)}`))),
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          用户与角色
        </Typography.Title>
        {can('user.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新建用户
          </Button>
        )}
      </Space>

      <Space wrap role="search" aria-label="筛选用户">
        <Input.Search
          aria-label="搜索用户名或姓名"
          placeholder="用户名或姓名"
          allowClear
          style={{ width: 220 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q, page: 1 }))}
        />
        <OrgPicker
          tree={tree}
          allowClear
          ariaLabel="所属机构"
          placeholder="全部机构"
          style={{ minWidth: 220 }}
          value={filters.org}
          onChange={(org) => setFilters((f) => ({ ...f, org, page: 1 }))}
        />
        <Select
          aria-label="账号状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status: Filters['status']) => setFilters((f) => ({ ...f, status, page: 1 }))}
          options={[
            { value: 'active', label: '正常' },
            { value: 'disabled', label: '已停用' },
          ]}
        />
      </Space>
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      {can('user.reset-admin') && (
        <ResetRequestsCard
          list={resets}
          meId={me.id}
          onDecided={() => {
            resets.reload();
            list.reload();
          }}
        />
      )}

      <Table<User>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.users ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            render: (_, u) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{u.displayName}</Typography.Text>
                <Typography.Text type="secondary">{u.username}</Typography.Text>
              </Space>
            ),
          },
          { title: '所属机构', dataIndex: 'orgName' },
          {
            title: '联系方式',
            key: 'contact',
            render: (_, u) => [u.email, u.phone].filter(Boolean).join(' / '),
          },
          {
            title: '角色（管理范围）',
            key: 'roles',
            width: 280,
            render: (_, u) => (
              <Space wrap size={[0, 4]}>
                {u.roles.map((a) => (
                  <Tag
                    key={a.id}
                    color="blue"
                    style={{ whiteSpace: 'normal' }}
                    closable={can('role.grant')}
                    closeIcon={can('role.grant') ? <span aria-label={`撤销${roleLabel(a.role)}`}>×</span> : undefined}
                    onClose={(e) => {
                      // The tag stays until the server confirms the revocation.
                      e.preventDefault();
                      revoke(u, a);
                    }}
                  >
                    {roleLabel(a.role)} · {a.orgName ?? a.org}
                  </Tag>
                ))}
                {u.roles.length === 0 && <Typography.Text type="secondary">未授予</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '状态',
            key: 'status',
            render: (_, u) => (
              <Space wrap size={[0, 4]}>
                {u.status === 'active' ? (
                  <Tag variant="solid" color={TAG_COLORS.green}>
                    正常
                  </Tag>
                ) : (
                  <Tag variant="solid" color={TAG_COLORS.red}>
                    已停用
                  </Tag>
                )}
                {u.mustChangePassword && (
                  <Tooltip title="密码是管理员设置的一次性密码，本人尚未登录修改">
                    <Tag variant="solid" color={TAG_COLORS.orange}>
                      待本人改密
                    </Tag>
                  </Tooltip>
                )}
                {u.totpEnrolled && (
                  <Tooltip title="已绑定动态验证码">
                    <Tag>双因素</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) || '从未登录' },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_, u) => {
              const items = menuFor(u);
              return (
                <Space>
                  {can('user.update') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                      编辑
                    </Button>
                  )}
                  {items && items.length > 0 && (
                    <Dropdown menu={{ items }} trigger={['click']}>
                      <Button size="small" aria-label={`${u.displayName}的更多操作`}>
                        更多 <DownOutlined />
                      </Button>
                    </Dropdown>
                  )}
                </Space>
              );
            },
          },
        ]}
      />

      <FormModal<UserValues>
        title="新建用户"
        open={dialog?.kind === 'create'}
        okText="创建"
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          const created = await api.post<User>('/api/v1/users', v);
          void message.success(`已创建用户 ${created.username}${can('role.grant') ? '' : '，角色由安全管理员授予'}`);
          list.reload();
        }}
      >
        <UserFields tree={tree} creating />
      </FormModal>
      <FormModal<UserValues>
        title={dialog?.kind === 'edit' ? `编辑 ${dialog.user.displayName}（${dialog.user.username}）` : '编辑用户'}
        open={dialog?.kind === 'edit'}
        initialValues={
          dialog?.kind === 'edit'
            ? { displayName: dialog.user.displayName, org: dialog.user.org, email: dialog.user.email ?? '', phone: dialog.user.phone ?? '' }
            : undefined
        }
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'edit') return;
          // email and phone are always sent: an omitted one would be cleared by the server.
          await api.patch<User>(path(dialog.user), {
            displayName: v.displayName,
            org: v.org,
            email: v.email ?? '',
            phone: v.phone ?? '',
            version: dialog.user.version,
          });
          void message.success('已保存');
          list.reload();
        }}
      >
        <UserFields tree={tree} creating={false} />
      </FormModal>
      <FormModal<{ reason: string }>
        title={dialog?.kind === 'reset-request' ? `申请重置 ${dialog.user.displayName} 的${KIND_LABELS[dialog.reset]}` : '申请重置'}
        open={dialog?.kind === 'reset-request'}
        okText="提交申请"
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'reset-request') return;
          await api.post(path(dialog.user, '/reset-requests'), { kind: dialog.reset, reason: v.reason });
          void message.success('申请已提交，须由另一名管理员批准（24 小时内有效）');
          resets.reload();
        }}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="三员分立：管理员账号的密码和动态验证码须两人办理"
          description="提交后由另一名管理员（不是您，也不是该账号本人）批准，批准后才生效。"
        />
        <Form.Item label="申请理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写申请理由' }]}>
          <Input.TextArea maxLength={200} showCount rows={3} placeholder="如：本人遗忘密码，已电话核实身份" />
        </Form.Item>
      </FormModal>
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
      <FormModal<{ role: string; org: string }>
        title={dialog?.kind === 'grant' ? `为 ${dialog.user.displayName} 授予角色` : '授予角色'}
        open={dialog?.kind === 'grant'}
        okText="授予"
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'grant') return;
          await api.post(path(dialog.user, '/roles'), v);
          void message.success('角色已授予');
          list.reload();
        }}
      >
        <GrantFields tree={tree} roles={roles} />
      </FormModal>
    </Space>
  );
}
