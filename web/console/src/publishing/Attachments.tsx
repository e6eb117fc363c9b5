import { DeleteOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { reportError } from '../shared/feedback.js';
import { attachmentHref, fileSize } from './logic.js';
import type { Attachment, Item } from './types.js';

/** The attachments of an item, as links; `editable` adds upload and removal (working revision only). */
export function AttachmentList({ attachments, onRemove }: { attachments: readonly Attachment[]; onRemove?: (a: Attachment) => void }) {
  if (attachments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" />;
  return (
    <List
      size="small"
      dataSource={[...attachments]}
      renderItem={(a) => (
        <List.Item
          actions={
            onRemove
              ? [
                  <Popconfirm key="rm" title={`删除附件“${a.name}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => onRemove(a)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除附件 ${a.name}`}>
                      删除
                    </Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <Space>
            <PaperClipOutlined />
            <a href={attachmentHref(a)} target="_blank" rel="noreferrer">
              {a.name}
            </a>
            <Typography.Text type="secondary">{fileSize(a.size)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

interface EditorProps {
  item: Item;
  /** Called after any change with the item as the server now has it. */
  onChanged: () => void;
  /** The body of an imported .docx (the server has already saved it). */
  onImported: (body: string) => void;
}

/** Attachments and the .docx import of the item editor. */
export function AttachmentsEditor({ item, onChanged, onImported }: EditorProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'upload' | 'import' | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const upload = async (file: File) => {
    setBusy('upload');
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const a = await api.upload<Attachment>(`/api/v1/items/${encodeURIComponent(item.id)}/attachments`, form);
      void message.success(`已上传附件“${a.name}”`);
      onChanged();
    } catch (e) {
      reportError(e, message);
    } finally {
      setBusy(null);
    }
  };

  const importDocx = async (file: File) => {
    setBusy('import');
    try {
      const form = new FormData();
      form.append('version', String(item.version));
      form.append('file', file, file.name);
      const out = await api.upload<{ body: string; warnings: string[]; attachments: Attachment[] }>(`/api/v1/items/${encodeURIComponent(item.id)}/import-docx`, form);
      setWarnings(out.warnings);
      onImported(out.body);
      void message.success(`已导入“${file.name}”为正文${out.attachments.length ? `，文中图片 ${out.attachments.length} 张已作为附件` : ''}`);
    } catch (e) {
      reportError(e, message);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await api.delete(`/api/v1/items/${encodeURIComponent(item.id)}/attachments/${encodeURIComponent(a.id)}`);
      void message.success(`已删除附件“${a.name}”`);
      onChanged();
    } catch (e) {
      reportError(e, message);
    }
  };

  return (
    <Card
      title="附件与 Word 导入"
      extra={
        <Space wrap>
          <Upload
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            showUploadList={false}
            beforeUpload={(file) => {
              void importDocx(file);
              return false;
            }}
          >
            <Button icon={<FileWordOutlined />} loading={busy === 'import'}>
              导入 Word（.docx）为正文
            </Button>
          </Upload>
          <Upload
            accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy === 'upload'}>
              上传附件
            </Button>
          </Upload>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">PDF、Word、Excel 或图片；导入 Word 会替换当前正文（未保存的正文修改将丢失）。</Typography.Text>
        {warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: () => setWarnings([]) }}
            title="导入提示"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
        <AttachmentList attachments={item.attachments} onRemove={(a) => void remove(a)} />
      </Space>
    </Card>
  );
}
