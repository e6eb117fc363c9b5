import { Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Org } from '../types.js';
import type { Loaded } from './useLoad.js';

/** A screen's heading on the left and its controls on the right, wrapping on narrow screens. */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>{children}</Space>
    </Space>
  );
}

/** The labelled choice of the agency (site) a screen works on. */
export function AgencySelect({ id, agencies, value, onChange }: { id: string; agencies: Loaded<Org[]>; value: string | undefined; onChange: (code: string) => void }) {
  return (
    <>
      <label htmlFor={id}>机关（站点）</label>
      <Select
        id={id}
        style={{ minWidth: 220 }}
        value={value}
        loading={agencies.loading}
        onChange={onChange}
        options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
      />
    </>
  );
}
