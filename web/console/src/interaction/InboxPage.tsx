import { Alert, Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { BulkResultModal } from '../shared/BulkResultModal.js';
import { BULK_LABELS, BulkAssignDialog, BulkReplyDialog, type BulkAction, type BulkOutcome } from './BulkDialogs.js';
import { InboxFilters } from './InboxFilters.js';
import { InboxTable } from './InboxTable.js';
import { bulkRows, inboxApiQuery, inboxTitle, readInboxState, writeInboxState, type InboxState } from './logic.js';
import type { BulkResult, InboxResponse } from './types.js';

/**
 * 留言办理 (/messages): the office's inbox of the agency's messages, and the same list as a unit's queue
 * (本单位留言) for a unit's staff, whom the API shows only their unit's messages.
 */
export default function InboxPage() {
  const { can } = useSession();
  const agencies = useAgencies();
  const [agency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readInboxState(params), [params]);
  const go = (next: InboxState) => {
    const search = writeInboxState(next);
    if (search.toString() !== params.toString()) setParams(search);
  };
  const [tick, setTick] = useState(0);
  const apiQuery = agency ? inboxApiQuery(state, agency) : null;
  const list = useLoad(async () => (apiQuery ? api.get<InboxResponse>('/api/v1/inbox' + apiQuery) : null), `${apiQuery ?? ''}:${tick}`);
  const rows = useMemo(() => list.data?.messages ?? [], [list.data]);

  const canRoute = can('message.route');
  const canReply = can('message.reply');
  const bulk: BulkAction[] = [...(canRoute ? (['assign'] as const) : []), ...(canReply ? (['reply'] as const) : [])];
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<BulkAction | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const runBulk = async (action: BulkAction, extra: { unitId?: string; reason?: string; reply?: string }) => {
    const out = await api.post<BulkResult>('/api/v1/inbox/bulk', { action, ids: selected, ...extra });
    setOutcome({ action, rows: bulkRows(out, new Map(rows.map((r) => [r.id, r.title]))) });
    setSelected([]);
    setTick((t) => t + 1);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title={inboxTitle(canRoute)}>
        <AgencySelect id="inbox-agency" agencies={agencies} value={agency} onChange={(code) => {
            setSelected([]);
            go({ q: '', page: 1, agency: code });
          }} />
      </ScreenHeader>
      {!canRoute && canReply && <Typography.Text type="secondary">这里列出分办到本单位的留言；转办、退回和答复在留言详情中办理。</Typography.Text>}
      <InboxFilters
        state={state}
        agency={agency}
        counts={list.data?.counts}
        showUnit={canRoute || !canReply}
        go={(next) => {
          setSelected([]);
          go(next);
        }}
      />
      {Boolean(agencies.error) && <Alert type="error" showIcon title={errorText(agencies.error)} />}
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      {bulk.length > 0 && (
        <Space wrap role="group" aria-label="批量操作">
          <Typography.Text>已选 {selected.length} 条</Typography.Text>
          {bulk.map((a) => (
            <Button key={a} disabled={selected.length === 0} onClick={() => setDialog(a)}>
              批量{BULK_LABELS[a]}
            </Button>
          ))}
        </Space>
      )}
      <InboxTable
        rows={rows}
        total={list.data?.total ?? 0}
        page={state.page}
        loading={list.loading}
        back={'/messages?' + writeInboxState({ ...state, ...(agency ? { agency } : {}) }).toString()}
        selection={bulk.length > 0 ? { keys: selected, onChange: setSelected } : undefined}
        onPage={(page) => {
          setSelected([]);
          go({ ...state, page });
        }}
      />
      <BulkAssignDialog open={dialog === 'assign'} count={selected.length} agency={agency} onClose={() => setDialog(null)} onSubmit={(unitId, reason) => runBulk('assign', reason ? { unitId, reason } : { unitId })} />
      <BulkReplyDialog open={dialog === 'reply'} count={selected.length} agency={agency} onClose={() => setDialog(null)} onSubmit={(reply) => runBulk('reply', { reply })} />
      <BulkResultModal title={outcome ? `批量${BULK_LABELS[outcome.action]}结果` : null} subject="留言" rows={outcome?.rows ?? []} onClose={() => setOutcome(null)} />
    </Space>
  );
}
