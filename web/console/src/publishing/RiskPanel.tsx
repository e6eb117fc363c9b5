import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { fieldLabel, isBlockingLevel, LEVEL_COLORS, RISK_LEVELS, riskKindLabel } from './logic.js';
import type { Finding, RiskLevel } from './types.js';

export function LevelTag({ level }: { level: RiskLevel }) {
  return (
    <Tag variant="solid" color={LEVEL_COLORS[level]}>
      {level}
    </Tag>
  );
}

/** The findings, most serious first, as a list a screen reader reads in order. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  const sorted = [...findings].sort((a, b) => RISK_LEVELS.indexOf(b.level) - RISK_LEVELS.indexOf(a.level));
  return (
    <ul aria-label="风险项" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {sorted.map((f, i) => (
        <li key={`${f.kind}-${f.field}-${f.start}-${i}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Space wrap size={6}>
            <LevelTag level={f.level} />
            <Typography.Text strong>{riskKindLabel(f.kind)}</Typography.Text>
            <Typography.Text type="secondary">{fieldLabel(f.field)}</Typography.Text>
            <Typography.Text code>{f.excerpt}</Typography.Text>
            {f.note && f.kind !== 'missing-field' && <Typography.Text type="secondary">{f.note}</Typography.Text>}
          </Space>
        </li>
      ))}
    </ul>
  );
}

interface Props {
  findings: readonly Finding[] | undefined;
  loading?: boolean;
  /** 一键遮盖, offered to the reviewer of the current stage. */
  onMask?: () => void;
  masking?: boolean;
}

/** 风险提示: the pre-publication scan (personal data, sensitive words, missing metadata), coloured by level. */
export function RiskPanel({ findings, loading, onMask, masking }: Props) {
  const list = findings ?? [];
  const blocking = list.filter((f) => isBlockingLevel(f.level)).length;
  const maskable = list.some((f) => f.kind !== 'missing-field' && f.kind !== 'sensitive-word');
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          <span>风险提示（保密审查）</span>
        </Space>
      }
      loading={loading && !findings}
      extra={
        onMask && maskable ? (
          <Button type="primary" danger loading={masking} onClick={onMask}>
            一键遮盖
          </Button>
        ) : undefined
      }
      role="region"
      aria-label="风险提示"
    >
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现风险" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {blocking > 0 ? (
            <Alert type="error" showIcon title={`发现 ${list.length} 项风险，其中 ${blocking} 项为较大或重大：须处理或由审核人填写放行理由`} />
          ) : (
            <Alert type="warning" showIcon title={`发现 ${list.length} 项风险，请审核人核对`} />
          )}
          <FindingList findings={list} />
        </Space>
      )}
    </Card>
  );
}
