import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Select, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { FormModal } from '../shared/FormModal.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import type { Org } from '../types.js';
import { findNode } from './tree.js';
import { AgencyFields, UnitFields } from './UnitFields.js';
import { useAgencies, useAgencyTree } from './useOrgs.js';

type Dialog = { kind: 'create-unit'; parent: Org } | { kind: 'edit-unit'; org: Org } | { kind: 'create-agency' } | null;

/** Form values of the unit dialogs: text fields empty or filled, as the API takes them. */
type UnitValues = Partial<Record<'code' | 'name' | 'description' | 'phone' | 'email' | 'address' | 'officeHours' | 'host', string>> & {
  sortOrder?: number;
};

export default function OrgsPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const tree = useAgencyTree(agency);
  const [selectedCode, setSelectedCode] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>(null);

  const roots = tree.data?.tree ?? [];
  const selected = (selectedCode ? findNode(roots, selectedCode) : undefined)?.org ?? roots[0]?.org;

  const createUnit = async (parent: Org, v: UnitValues) => {
    const created = await api.post<Org>('/api/v1/orgs', { ...v, parentCode: parent.code });
    void message.success(`已新建科室“${created.name}”`);
    setSelectedCode(created.code);
    tree.reload();
  };
  const editUnit = async (org: Org, v: UnitValues) => {
    await api.patch<Org>(`/api/v1/orgs/${encodeURIComponent(org.code)}`, { ...v, version: org.version });
    void message.success('已保存');
    tree.reload();
  };
  const createAgency = async (v: UnitValues) => {
    const created = await api.post<Org>('/api/v1/orgs', v);
    void message.success(`已新建机关“${created.name}”`);
    agencies.reload();
    setAgency(created.code);
  };
  const deleteUnit = async (org: Org) => {
    try {
      await api.delete(`/api/v1/orgs/${encodeURIComponent(org.code)}`);
      void message.success(`已删除“${org.name}”`);
      setSelectedCode(undefined);
      tree.reload();
    } catch (e) {
      reportError(e, message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          机构与科室
        </Typography.Title>
        <Space wrap>
          <label htmlFor="agency-select">机关（站点）</label>
          <Select
            id="agency-select"
            style={{ minWidth: 220 }}
            loading={agencies.loading}
            value={agency}
            onChange={(code: string) => {
              setSelectedCode(undefined);
              setAgency(code);
            }}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
          {can('org.create-agency') && (
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create-agency' })}>
              新建机关
            </Button>
          )}
        </Space>
      </Space>
      {Boolean(agencies.error || tree.error) && <Alert type="error" showIcon title={errorText(agencies.error ?? tree.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <Card title="组织结构" loading={tree.loading && !tree.data}>
            {roots.length > 0 ? (
              <Tree
                aria-label="组织结构"
                blockNode
                defaultExpandAll
                key={agency}
                treeData={roots}
                selectedKeys={selected ? [selected.code] : []}
                onSelect={(keys) => keys[0] !== undefined && setSelectedCode(String(keys[0]))}
              />
            ) : (
              <Empty description="暂无机构" />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          {selected && (
            <Card
              title={selected.name}
              extra={
                <Space wrap>
                  {can('unit.create') && (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create-unit', parent: selected })}>
                      新建下级科室
                    </Button>
                  )}
                  {selected.kind === 'unit' && can('unit.update') && (
                    <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit-unit', org: selected })}>
                      编辑
                    </Button>
                  )}
                  {selected.kind === 'unit' && can('unit.update') && (
                    <Popconfirm
                      title={`删除“${selected.name}”？`}
                      description="只能删除没有下级机构和工作人员的科室。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => deleteUnit(selected)}
                    >
                      <Button danger icon={<DeleteOutlined />}>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                  {selected.kind === 'agency' && <Link to={`/profile?agency=${encodeURIComponent(selected.code)}`}>编辑机关概况</Link>}
                </Space>
              }
            >
              <OrgDetails org={selected} />
            </Card>
          )}
        </Col>
      </Row>

      <FormModal<UnitValues>
        title={dialog?.kind === 'create-unit' ? `在“${dialog.parent.name}”下新建科室` : '新建下级科室'}
        open={dialog?.kind === 'create-unit'}
        onClose={() => setDialog(null)}
        onSubmit={(v) => (dialog?.kind === 'create-unit' ? createUnit(dialog.parent, v) : Promise.resolve())}
      >
        <UnitFields withCode />
      </FormModal>
      <FormModal<UnitValues>
        title={dialog?.kind === 'edit-unit' ? `编辑“${dialog.org.name}”` : '编辑科室'}
        open={dialog?.kind === 'edit-unit'}
        initialValues={dialog?.kind === 'edit-unit' ? unitValues(dialog.org) : undefined}
        onClose={() => setDialog(null)}
        onSubmit={(v) => (dialog?.kind === 'edit-unit' ? editUnit(dialog.org, v) : Promise.resolve())}
      >
        <UnitFields withCode={false} />
      </FormModal>
      <FormModal<UnitValues>
        title="新建机关（站点）"
        open={dialog?.kind === 'create-agency'}
        onClose={() => setDialog(null)}
        onSubmit={createAgency}
      >
        <AgencyFields />
      </FormModal>
    </Space>
  );
}

function unitValues(org: Org): UnitValues {
  return {
    name: org.name,
    description: org.description ?? '',
    phone: org.phone ?? '',
    email: org.email ?? '',
    address: org.address ?? '',
    officeHours: org.officeHours ?? '',
    sortOrder: org.sortOrder,
  };
}

function OrgDetails({ org }: { org: Org }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="机构编码">{org.code}</Descriptions.Item>
      <Descriptions.Item label="类型">{org.kind === 'agency' ? '机关（站点）' : '科室 / 单位'}</Descriptions.Item>
      <Descriptions.Item label="机构职能">{org.description}</Descriptions.Item>
      <Descriptions.Item label="电话">{org.phone}</Descriptions.Item>
      <Descriptions.Item label="电子邮箱">{org.email}</Descriptions.Item>
      <Descriptions.Item label="地址">{org.address}</Descriptions.Item>
      <Descriptions.Item label="办公时间">{org.officeHours}</Descriptions.Item>
      <Descriptions.Item label="更新时间">
        {formatDateTime(org.updatedAt)}（第 {org.version} 版）
      </Descriptions.Item>
    </Descriptions>
  );
}
