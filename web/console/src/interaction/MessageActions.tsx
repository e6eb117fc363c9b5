import { BookOutlined, CheckOutlined, CloudUploadOutlined, EditOutlined, RollbackOutlined, SendOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { AssignDialog, ReasonDialog, TransferDialog } from './HandlingDialogs.js';
import { PromoteDialog, type PromoteValues } from './PromoteDialog.js';
import type { PublishBody } from './PublicQa.js';
import { ReplyDialog } from './ReplyDialog.js';
import { ReviewDialog } from './ReviewDialog.js';
import type { MessageDetail } from './types.js';

type Dialog = 'assign' | 'transfer' | 'return' | 'reply' | 'review' | 'dismiss' | 'promote' | null;

interface Props {
  m: MessageDetail;
  /** May curate the FAQ (加入问答库). */
  canPromote: boolean;
  /** POST /api/v1/inbox/{id}/{action}; rejects with the API's error so that a dialog can show field errors. */
  act: (action: string, body: unknown, done: string | ((after: MessageDetail) => string)) => Promise<void>;
  publish: (body: PublishBody, done: string) => Promise<void>;
  promote: (v: PromoteValues) => Promise<void>;
}

/** The actions the API allows this user on this message (`can`), each with its dialog. */
export function MessageActions({ m, canPromote, act, publish, promote }: Props) {
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const may = m.can;
  const agency = m.org;

  return (
    <>
      <Space wrap>
        {may.assign && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('assign')}>
            分办
          </Button>
        )}
        {may.reply && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog('reply')}>
            答复
          </Button>
        )}
        {may.review && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('review')}>
            审核
          </Button>
        )}
        {may.transfer && (
          <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')}>
            转办
          </Button>
        )}
        {may.return && (
          <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
            退回公开办
          </Button>
        )}
        {may.dismiss && (
          <Button danger icon={<StopOutlined />} onClick={() => setDialog('dismiss')}>
            不予受理
          </Button>
        )}
        {may.publish && !m.publicCopy && (
          <Button
            icon={<CloudUploadOutlined />}
            onClick={() =>
              modal.confirm({
                title: '公开这条问答？',
                content: '标题、留言内容和答复中的身份证号、手机号、电子邮箱和留言人姓名将自动遮蔽；公开后可查看并编辑公开的内容。',
                okText: '公开',
                cancelText: '取消',
                onOk: () => publish({ publish: true }, '已公开问答'),
              })
            }
          >
            公开问答
          </Button>
        )}
        {canPromote && m.state === 'answered' && (
          <Button icon={<BookOutlined />} onClick={() => setDialog('promote')}>
            加入问答库
          </Button>
        )}
      </Space>

      <AssignDialog open={dialog === 'assign'} agency={agency} onClose={close} onSubmit={(b) => act('assign', b, '已分办')} />
      <TransferDialog open={dialog === 'transfer'} agency={agency} current={m.unit?.id ?? null} onClose={close} onSubmit={(b) => act('transfer', b, '已转办')} />
      <ReasonDialog open={dialog === 'return'} title="退回公开办" okText="退回" label="退回理由" onClose={close} onSubmit={(b) => act('return', b, '已退回公开办')} />
      <ReasonDialog open={dialog === 'dismiss'} title="不予受理" okText="不予受理" label="不予受理的理由" danger onClose={close} onSubmit={(b) => act('dismiss', b, '已不予受理')} />
      <ReplyDialog
        key={`reply:${m.version}`}
        open={dialog === 'reply'}
        agency={agency}
        type={m.type}
        initial={{ reply: m.draftReply ?? '', investigation: m.investigation ?? '', responsibleUnit: m.responsibleUnit ?? '', measures: m.measures ?? '' }}
        onClose={close}
        onSubmit={(b) => act('reply', b, (after) => (after.state === 'reviewing' ? '答复已提交公开办审核' : '已答复，留言人将收到通知'))}
      />
      <ReviewDialog key={`review:${m.version}`} open={dialog === 'review'} draft={m.draftReply ?? ''} onClose={close} onSubmit={(b) => act('review', b, b.decision === 'release' ? '审核通过，答复已发送' : '已退回修改')} />
      <PromoteDialog open={dialog === 'promote'} agency={agency} published={m.publicCopy !== null} onClose={close} onSubmit={promote} />
    </>
  );
}
