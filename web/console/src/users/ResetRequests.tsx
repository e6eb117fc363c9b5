import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import type { Loaded } from '../shared/useLoad.js';
import type { ResetRequest } from '../types.js';
import { TAG_COLORS } from '../publishing/logic.js';

export const KIND_LABELS: Record<ResetRequest['kind'], string> = { password: '密码', totp: '动态验证码' };
/** Solid tags in colours dark enough for WCAG AA contrast (Ant Design's light ones are not). */
const STATE_TAGS: Record<ResetRequest['state'], { color: string; label: string }> = {
  pending: { color: TAG_COLORS.orange, label: '待批准' },
  approved: { color: TAG_COLORS.green, label: '已批准' },
  refused: { color: TAG_COLORS.grey, label: '已驳回' },
  expired: { color: TAG_COLORS.grey, label: '已过期' },
};

/**
 * A one-time password, shown once to the administrator who reset the account (or approved the reset), to hand
 * to its owner; the owner replaces it at the next sign-in, so nobody else knows the password the account keeps.
 */
export function OneTimePasswordModal({ value, onClose }: { value: { name: string; password: string } | null; onClose: () => void }) {
  return (
    <Modal title="一次性密码" open={value !== null} onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {value && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次"
            description={`请通过安全渠道交给 ${value.name} 本人。本人下次登录时须改为自己的新密码，此密码随即失效。`}
          />
          <Typography.Paragraph style={{ fontSize: 20, textAlign: 'center', margin: '16px 0' }}>
            <Typography.Text code copyable={{ text: value.password }} style={{ fontSize: 22, letterSpacing: 1 }}>
              <span data-testid="one-time-password">{value.password}</span>
            </Typography.Text>
          </Typography.Paragraph>
        </Space>
      )}
    </Modal>
  );
}

/**
 * Reset requests for administrators' credentials: one administrator asks, another approves (never the
 * requester, never the account's owner); requests expire after a day.
 */
export function ResetRequestsCard({
  list,
  meId,
  onDecided,
}: {
  list: Loaded<{ requests: ResetRequest[] }>;
  meId: string;
  onDecided: () => void;
}) {
  const { message, modal } = App.useApp();
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const requests = list.data?.requests ?? [];

  const approve = (r: ResetRequest) =>
    modal.confirm({
      title: `批准重置 ${r.user.displayName} 的${KIND_LABELS[r.kind]}？`,
      content: `申请人：${r.requestedBy.displayName}；理由：${r.reason}。批准后该账号立即退出登录。`,
      okText: '批准',
      cancelText: '取消',
      onOk: async () => {
        try {
          const res = await api.post<{ request: ResetRequest; oneTimePassword: string | null }>(`/api/v1/reset-requests/${encodeURIComponent(r.id)}/approve`);
          if (res.oneTimePassword) setShown({ name: r.user.displayName, password: res.oneTimePassword });
          else void message.success('动态验证码已重置，本人下次登录时重新绑定');
          onDecided();
        } catch (e) {
          reportError(e, message);
        }
      },
    });

  const refuse = (r: ResetRequest) => {
    let comment = '';
    modal.confirm({
      title: `驳回重置 ${r.user.displayName} 的${KIND_LABELS[r.kind]}的申请？`,
      content: <Input.TextArea aria-label="驳回意见" maxLength={200} placeholder="意见（可选）" onChange={(e) => (comment = e.target.value)} />,
      okText: '驳回',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/v1/reset-requests/${encodeURIComponent(r.id)}/refuse`, { comment });
          void message.success('申请已驳回');
          onDecided();
        } catch (e) {
          reportError(e, message);
        }
      },
    });
  };

  return (
    <Card title="管理员账号重置申请（两人办理）" size="small">
      <Table<ResetRequest>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={requests}
        pagination={false}
        locale={{ emptyText: '暂无申请' }}
        columns={[
          { title: '账号', key: 'user', render: (_, r) => `${r.user.displayName}（${r.user.username}）` },
          { title: '重置内容', key: 'kind', render: (_, r) => KIND_LABELS[r.kind] },
          { title: '理由', dataIndex: 'reason' },
          { title: '申请人', key: 'requester', render: (_, r) => r.requestedBy.displayName },
          { title: '申请时间', dataIndex: 'requestedAt', render: (v: string) => formatDateTime(v) },
          {
            title: '状态',
            key: 'state',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag variant="solid" color={STATE_TAGS[r.state].color}>{STATE_TAGS[r.state].label}</Tag>
                {r.state === 'pending' && <Typography.Text type="secondary">{formatDateTime(r.expiresAt)} 前有效</Typography.Text>}
                {r.decidedBy && <Typography.Text type="secondary">{r.decidedBy.displayName}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, r) =>
              r.state !== 'pending' ? null : r.canDecide ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => approve(r)}>
                    批准
                  </Button>
                  <Button size="small" onClick={() => refuse(r)}>
                    驳回
                  </Button>
                </Space>
              ) : (
                <Space>
                  <Typography.Text type="secondary">等待另一名管理员批准</Typography.Text>
                  {r.requestedBy.id === meId && (
                    <Button size="small" onClick={() => refuse(r)}>
                      撤回
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <OneTimePasswordModal value={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
