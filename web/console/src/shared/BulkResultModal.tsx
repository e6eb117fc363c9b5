import { Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { TAG_COLORS } from '../publishing/logic.js';

export interface BulkResultRow {
  id: string;
  title: string;
  ok: boolean;
  /** What became of it, or why it failed. */
  message: string;
}

/**
 * The outcome of a bulk action done item by item (publishing workbench, message inbox): how many succeeded and
 * failed, and a row each with the reason. Closed while `title` is null.
 */
export function BulkResultModal({ title, subject, rows, onClose }: { title: string | null; subject: string; rows: readonly BulkResultRow[]; onClose: () => void }) {
  return (
    <Modal
      title={title ?? ''}
      open={title !== null}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          关闭
        </Button>
      }
      width={760}
    >
      {title !== null && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            成功 {rows.filter((r) => r.ok).length} 条，失败 {rows.filter((r) => !r.ok).length} 条。
          </Typography.Text>
          <Table<BulkResultRow>
            aria-label="批量操作结果"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...rows]}
            columns={[
              { title: subject, dataIndex: 'title' },
              {
                title: '结果',
                dataIndex: 'ok',
                width: 80,
                render: (ok: boolean) => (
                  <Tag variant="solid" color={ok ? TAG_COLORS.green : TAG_COLORS.red}>
                    {ok ? '成功' : '失败'}
                  </Tag>
                ),
              },
              { title: '说明', dataIndex: 'message' },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
