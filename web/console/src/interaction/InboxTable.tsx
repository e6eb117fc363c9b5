import { Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { TAG_COLORS } from '../publishing/logic.js';
import { formatDateTime } from '../shared/format.js';
import { DueDate } from './DueDate.js';
import { EmptyText } from './EmptyText.js';
import { PAGE_SIZE } from './logic.js';
import { StateTag, TypeTag } from './Tags.js';
import type { ListedMessage } from './types.js';

interface Props {
  rows: ListedMessage[];
  total: number;
  page: number;
  loading: boolean;
  /** Row selection for bulk handling; absent: none. */
  selection?: { keys: string[]; onChange: (keys: string[]) => void } | undefined;
  /** The inbox's address, so that the detail screen can lead back to the same filtered list. */
  back: string;
  onPage: (page: number) => void;
}

/** The inbox's rows: type, title with tracking code, submission, due date and working days left, unit, state. */
export function InboxTable({ rows, total, page, loading, selection, back, onPage }: Props) {
  return (
    <Table<ListedMessage>
      rowKey="id"
      loading={loading}
      locale={{ emptyText: <EmptyText>没有符合条件的留言。</EmptyText> }}
      dataSource={rows}
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.keys,
              onChange: (keys) => selection.onChange(keys.map(String)),
              getCheckboxProps: (r) => ({ 'aria-label': `选择“${r.title}”` }),
            }
          : undefined
      }
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total,
        showSizeChanger: false,
        showTotal: (t) => `共 ${t} 条`,
        onChange: onPage,
      }}
      columns={[
        { title: '类型', dataIndex: 'type', width: 80, render: (_: unknown, r) => <TypeTag type={r.type} /> },
        {
          title: '标题',
          dataIndex: 'title',
          render: (t: string, r) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/messages/${r.id}`} state={{ back }}>
                {t}
              </Link>
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                {r.trackingCode}
              </Typography.Text>
            </Space>
          ),
        },
        { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: (at: string) => formatDateTime(at) },
        { title: '办理期限', dataIndex: 'dueDate', width: 170, render: (_: unknown, r) => <DueDate m={r} /> },
        { title: '承办单位', dataIndex: 'unit', render: (u: ListedMessage['unit']) => u?.name ?? '—' },
        {
          title: '状态',
          dataIndex: 'state',
          width: 150,
          render: (_: unknown, r) => (
            <Space size={4} wrap>
              <StateTag state={r.state} />
              {r.published && (
                <Tag variant="solid" color={TAG_COLORS.green}>
                  已公开
                </Tag>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
