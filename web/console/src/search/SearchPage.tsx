import { CloseOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, DatePicker, Empty, Input, Pagination, Row, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, query } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText } from '../shared/feedback.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useLoad } from '../shared/useLoad.js';
import {
  changeSearch,
  dayInChina,
  FACET_LABELS,
  FACETS,
  MAX_PAGE,
  PAGE_SIZE,
  reachableTotal,
  readSearchState,
  searchApiQuery,
  SORT_LABELS,
  splitHighlight,
  suggestionOptions,
  suggestQuery,
  toggleFilter,
  hitTag,
  writeSearchState,
  type SearchState,
  type Sort,
} from './logic.js';
import type { Facet, FacetCount, SearchHit, SearchResponse, Suggestion } from './types.js';

// The date picker names months and weekdays in Chinese and starts the week on Monday.
dayjs.locale('zh-cn');

const SUGGEST_DELAY_MS = 250;

/** Hidden on screen, read by screen readers. */
const SR_ONLY: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/** The server's highlighted text as text nodes: the matched words in <mark>, nothing parsed as HTML. */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {splitHighlight(html).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** The server's error: its message and every field error it named. */
function ErrorAlert({ error }: { error: unknown }) {
  const fields = error instanceof ApiError ? [...new Set(Object.values(error.fields))].filter((f) => f !== error.message) : [];
  return <Alert type="error" showIcon title={errorText(error)} description={fields.length > 0 ? fields.join('；') : undefined} />;
}

/** 站内检索: full-text search over published items and, for staff, the unpublished versions they handle. */
export default function SearchPage() {
  const agencies = useAgencies();
  const [agency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readSearchState(params), [params]);
  const go = (next: SearchState) => {
    const search = writeSearchState(next);
    if (search.toString() !== params.toString()) setParams(search);
  };

  const apiQuery = agency ? searchApiQuery(state, agency) : null;
  const result = useLoad(async () => (apiQuery ? api.get<SearchResponse>('/api/v1/search' + apiQuery) : null), apiQuery ?? '');
  const data = result.data;

  // The search box: what is typed, and suggestions for it once typing pauses.
  const [typed, setTyped] = useState(state.q);
  useEffect(() => setTyped(state.q), [state.q]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = suggestQuery(typed);
    if (!q || typed === state.q) {
      setSuggestions([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api.get<{ suggestions: Suggestion[] }>('/api/v1/search/suggest' + query({ q, org: agency })).then(
        (r) => !cancelled && setSuggestions(r.suggestions),
        () => !cancelled && setSuggestions([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [typed, state.q, agency]);

  const submit = (q: string) => {
    setSuggestions([]);
    go(changeSearch(state, { q: q.trim() }));
  };

  const facetLabel = (facet: Facet, value: string) => data?.facets[facet]?.find((c) => c.value === value)?.label ?? value;
  const chosen = FACETS.filter((f) => state.filters[f]);
  const range: [Dayjs | null, Dayjs | null] | null = state.from || state.to ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null] : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="站内检索">
        <AgencySelect id="search-agency" agencies={agencies} value={agency} onChange={(code) => go(changeSearch(state, { agency: code }))} />
      </ScreenHeader>

      <div role="search" aria-label="站内检索">
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <AutoComplete
            value={typed}
            onChange={(v: string) => setTyped(v)}
            onSelect={(v: string) => submit(v)}
            options={suggestionOptions(suggestions).map((o) => ({
              value: o.value,
              label: (
                <Space size={6}>
                  <span>{o.value}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.kind === 'title' ? '标题' : '热门检索'}
                  </Typography.Text>
                </Space>
              ),
            }))}
            style={{ width: '100%', maxWidth: 640 }}
          >
            <Input.Search
              aria-label="检索词"
              placeholder="输入标题、发文字号、索引号或正文中的词语"
              enterButton="搜索"
              allowClear
              maxLength={200}
              onSearch={(v) => submit(v)}
            />
          </AutoComplete>
          <Space wrap size="middle">
            <Space size={6}>
              <Switch id="search-drafts" checked={state.drafts} onChange={(on) => go(changeSearch(state, { drafts: on }))} />
              <label htmlFor="search-drafts">包含未发布的稿件</label>
            </Space>
            <Space size={6}>
              <label htmlFor="search-sort">排序</label>
              <Select<Sort>
                id="search-sort"
                style={{ width: 130 }}
                value={state.sort}
                onChange={(sort) => go(changeSearch(state, { sort }))}
                options={(Object.keys(SORT_LABELS) as Sort[]).map((s) => ({ value: s, label: SORT_LABELS[s] }))}
              />
            </Space>
            <Space size={6}>
              <label htmlFor="search-from">发布日期</label>
              <label htmlFor="search-to" style={SR_ONLY}>
                发布日期止
              </label>
              <DatePicker.RangePicker
                id={{ start: 'search-from', end: 'search-to' }}
                allowEmpty={[true, true]}
                value={range}
                onChange={(v) => {
                  const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
                  go(changeSearch(state, { from: day(v?.[0]), to: day(v?.[1]) }));
                }}
              />
            </Space>
          </Space>
          {chosen.length > 0 && (
            <Space wrap size={6} role="group" aria-label="已选筛选条件">
              <Typography.Text>已选条件：</Typography.Text>
              {chosen.map((f) => (
                <Button
                  key={f}
                  size="small"
                  aria-label={`取消筛选 ${FACET_LABELS[f]}：${facetLabel(f, state.filters[f]!)}`}
                  onClick={() => go(toggleFilter(state, f, state.filters[f]!))}
                >
                  {FACET_LABELS[f]}：{facetLabel(f, state.filters[f]!)} <CloseOutlined aria-hidden />
                </Button>
              ))}
              <Button size="small" type="link" onClick={() => go(changeSearch(state, { filters: {} }))}>
                清除全部
              </Button>
            </Space>
          )}
        </Space>
      </div>

      {Boolean(agencies.error) && <ErrorAlert error={agencies.error} />}
      {Boolean(result.error) && <ErrorAlert error={result.error} />}

      <Row gutter={[24, 16]}>
        <Col xs={24} lg={6}>
          <section aria-label="分面筛选">
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              筛选
            </Typography.Title>
            {data ? <FacetPanel facets={data.facets} state={state} onToggle={(f, v) => go(toggleFilter(state, f, v))} /> : null}
          </section>
        </Col>
        <Col xs={24} lg={18}>
          <section aria-label="检索结果">
            <Spin spinning={result.loading}>
              {data ? <Results data={data} state={state} go={go} /> : <div style={{ minHeight: 120 }} />}
            </Spin>
          </section>
        </Col>
      </Row>
    </Space>
  );
}

function FacetPanel({ facets, state, onToggle }: { facets: SearchResponse['facets']; state: SearchState; onToggle: (f: Facet, v: string) => void }) {
  const shown = FACETS.map((f) => {
    const list: FacetCount[] = facets[f] ?? [];
    const chosen = state.filters[f];
    // A chosen value the results no longer count stays visible, so that it can be removed here too.
    return { facet: f, list: chosen && !list.some((c) => c.value === chosen) ? [{ value: chosen, label: chosen, count: 0 }, ...list] : list };
  }).filter((x) => x.list.length > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">没有可供筛选的分类。</Typography.Text>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {shown.map(({ facet, list }) => (
        <div key={facet}>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }} id={`facet-${facet}`}>
            {FACET_LABELS[facet]}
          </Typography.Title>
          <div role="group" aria-labelledby={`facet-${facet}`} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {list.map((c) => {
              const checked = state.filters[facet] === c.value;
              return (
                <Tag.CheckableTag
                  key={c.value}
                  checked={checked}
                  onChange={() => onToggle(facet, c.value)}
                  style={checked ? { background: '#0958d9', color: '#fff' } : { border: '1px solid #d9d9d9' }}
                >
                  {c.label}（{c.count}）
                </Tag.CheckableTag>
              );
            })}
          </div>
        </div>
      ))}
    </Space>
  );
}

function Results({ data, state, go }: { data: SearchResponse; state: SearchState; go: (s: SearchState) => void }) {
  const dym = data.didYouMean;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text role="status">
        {state.q.trim() ? `“${state.q.trim()}”` : '全部信息'}：共找到 {data.total} 条结果（用时 {Math.round(data.tookMs)} 毫秒）
      </Typography.Text>
      {data.convertedQuery && <Typography.Text type="secondary">已按简体“{data.convertedQuery}”检索。</Typography.Text>}
      {data.ignored.length > 0 && <Typography.Text type="secondary">检索词较多，以下词语未参与检索：{data.ignored.join(' ')}。</Typography.Text>}
      {dym && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              您是不是要找：
              <Link to={{ search: '?' + writeSearchState(changeSearch(state, { q: dym.text })).toString() }}>{dym.text}</Link>
              （约 {dym.total} 条结果）
            </span>
          }
        />
      )}
      {data.hits.length === 0 ? (
        <Empty description="没有找到相关信息，请换个检索词或减少筛选条件。" />
      ) : (
        <ol aria-label="检索结果列表" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.hits.map((h) => (
            <HitItem key={`${h.kind}:${h.id}`} hit={h} />
          ))}
        </ol>
      )}
      {data.total > PAGE_SIZE && (
        <Space orientation="vertical" size={4}>
          <Pagination
            current={state.page}
            pageSize={PAGE_SIZE}
            total={reachableTotal(data.total)}
            showSizeChanger={false}
            showTotal={() => `共 ${data.total} 条`}
            onChange={(page) => {
              go({ ...state, page });
              window.scrollTo({ top: 0 });
            }}
          />
          {data.total > MAX_PAGE * PAGE_SIZE && <Typography.Text type="secondary">最多显示前 {MAX_PAGE} 页，请增加检索词或筛选条件缩小范围。</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}

function HitItem({ hit }: { hit: SearchHit }) {
  const tag = hitTag(hit);
  const meta = [
    hit.docNumber && `发文字号：${hit.docNumber}`,
    hit.indexNumber && `索引号：${hit.indexNumber}`,
    hit.publishedAt && `发布日期：${dayInChina(new Date(hit.publishedAt))}`,
    hit.organ && `发文机关：${hit.organ}`,
  ].filter(Boolean);
  return (
    <li style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space size={8} wrap align="center">
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          <Link to={`/publishing/items/${hit.id}`}>
            <Highlighted html={hit.titleHtml} />
          </Link>
        </Typography.Title>
        <Tag variant="solid" color={tag.color}>
          {tag.label}
        </Tag>
        {hit.numberMatch && <Tag>发文字号匹配</Tag>}
      </Space>
      {meta.length > 0 && (
        <div>
          <Typography.Text type="secondary">{meta.join('　')}</Typography.Text>
        </div>
      )}
      {hit.snippet && (
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>
          <Highlighted html={hit.snippet} />
        </Typography.Paragraph>
      )}
    </li>
  );
}
