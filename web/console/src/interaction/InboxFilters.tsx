import { Badge, Button, Input, Select, Space, Tabs } from 'antd';
import { MESSAGE_STATES, MESSAGE_TYPES, STANDING_LABELS, STATE_LABELS, TYPE_LABELS, changeInbox, type InboxState } from './logic.js';
import type { InboxCounts, MessageState, MessageType, Standing } from './types.js';
import { UnitSelect } from './UnitSelect.js';

const COUNTED: Partial<Record<MessageState, keyof InboxCounts>> = { received: 'received', assigned: 'assigned', reviewing: 'reviewing' };
const STANDING_COUNTS: Record<Standing, { key: keyof InboxCounts; color: string }> = {
  overdue: { key: 'overdue', color: '#a8071a' },
  'due-soon': { key: 'dueSoon', color: '#ad4e00' },
};

function CountBadge({ n, color }: { n: number | undefined; color: string }) {
  return <Badge count={n ?? 0} showZero overflowCount={999} color={n ? color : '#595959'} style={{ marginLeft: 6 }} aria-label={`${n ?? 0} 条`} />;
}

interface Props {
  state: InboxState;
  agency: string | undefined;
  counts: InboxCounts | undefined;
  /** The unit filter is for those who see more than one unit's messages. */
  showUnit: boolean;
  go: (next: InboxState) => void;
}

/** The inbox's filters: state tabs with counts, 超期/临期 with counts, type, unit and the search box. */
export function InboxFilters({ state, agency, counts, showUnit, go }: Props) {
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Tabs
        activeKey={state.state ?? 'all'}
        onChange={(key) => go(changeInbox(state, { state: key === 'all' ? undefined : (key as MessageState) }))}
        items={[
          { key: 'all', label: '全部' },
          ...MESSAGE_STATES.map((s) => {
            const counted = COUNTED[s];
            return {
              key: s,
              label: (
                <span>
                  {STATE_LABELS[s]}
                  {counted && <CountBadge n={counts?.[counted]} color="#0958d9" />}
                </span>
              ),
            };
          }),
        ]}
      />
      <Space wrap size="middle" role="group" aria-label="筛选条件">
        <Space size={6} role="group" aria-label="办理时限">
          {(Object.keys(STANDING_LABELS) as Standing[]).map((s) => {
            const on = state.standing === s;
            return (
              <Button key={s} type={on ? 'primary' : 'default'} aria-pressed={on} onClick={() => go(changeInbox(state, { standing: on ? undefined : s }))}>
                {STANDING_LABELS[s]}
                <CountBadge n={counts?.[STANDING_COUNTS[s].key]} color={STANDING_COUNTS[s].color} />
              </Button>
            );
          })}
        </Space>
        <Space size={6}>
          <label htmlFor="inbox-type">类型</label>
          <Select<MessageType | 'all'>
            id="inbox-type"
            style={{ width: 120 }}
            value={state.type ?? 'all'}
            onChange={(t) => go(changeInbox(state, { type: t === 'all' ? undefined : t }))}
            options={[{ value: 'all', label: '全部类型' }, ...MESSAGE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
          />
        </Space>
        {showUnit && (
          <Space size={6}>
            <label htmlFor="inbox-unit">承办单位</label>
            <UnitSelect id="inbox-unit" agency={agency} by="code" allowClear placeholder="全部单位" value={state.unit} onChange={(unit) => go(changeInbox(state, { unit }))} />
          </Space>
        )}
        <Input.Search
          key={state.q}
          aria-label="按标题或查询码搜索"
          placeholder="按标题或查询码搜索"
          allowClear
          defaultValue={state.q}
          maxLength={100}
          onSearch={(v) => go(changeInbox(state, { q: v.trim() }))}
          style={{ width: 280 }}
          enterButton="搜索"
        />
      </Space>
    </Space>
  );
}
