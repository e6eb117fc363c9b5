import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { api } from '../api.js';
import { errorText } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { htmlToText } from './diff.js';
import { disclosureLabel, exemptionLabel, fieldLabel, maskDigitRuns, riskKindLabel } from './logic.js';
import type { Item, Review } from './types.js';

/** 赵丽（reviewer）: the person's name, the username in brackets. */
function reviewerLabel(r: Review): string {
  const name = r.reviewerName ?? r.reviewer ?? '';
  return r.reviewer && r.reviewer !== name ? `${name}（${r.reviewer}）` : name;
}

const STAGES: Record<Review['stage'], string> = { unit: '初审（科室）', office: '复审（公开办）' };
const DECISIONS: Record<string, string> = { approved: '同意公开', rejected: '退回修改' };

const cell: React.CSSProperties = { border: '1px solid #595959', padding: '6px 10px', verticalAlign: 'top' };
const head: React.CSSProperties = { ...cell, width: 140, background: '#fafafa', fontWeight: 600, textAlign: 'left' };

/** 保密审查记录: the printable record of the pre-publication review (一事一审), with the findings and decisions. */
export function ReviewRecord({ item, agencyName }: { item: Item; agencyName: string }) {
  const reviews = useLoad(
    async () => (await api.get<{ reviews: Review[] }>(`/api/v1/items/${encodeURIComponent(item.id)}/reviews`)).reviews,
    `${item.id}:${item.version}`,
  );
  const summary = item.summary || maskDigitRuns(htmlToText(item.body).replace(/\s+/g, ' ').slice(0, 200));
  const when = item.publishedAt ? `${formatDateTime(item.publishedAt)}（已发布）` : item.scheduledAt ? `${formatDateTime(item.scheduledAt)}（定时发布）` : '审核通过后发布';
  const disclosure = item.disclosure === 'withheld' ? `${disclosureLabel(item.disclosure)}：${exemptionLabel(item.exemptionCode)}` : disclosureLabel(item.disclosure);

  return (
    <Card
      title="保密审查记录"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="gk-no-print">
          打印
        </Button>
      }
    >
      {Boolean(reviews.error) && <Alert type="error" showIcon title={errorText(reviews.error)} />}
      <div className="gk-print-area">
        <Typography.Title level={2} style={{ fontSize: 18, textAlign: 'center' }}>
          政府信息公开保密审查记录
        </Typography.Title>
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <tbody>
            <tr>
              <th scope="row" style={head}>信息名称</th>
              <td style={cell}>{item.title}</td>
            </tr>
            <tr>
              <th scope="row" style={head}>索引号 / 发文字号</th>
              <td style={cell}>{[item.indexNumber, item.docNumber].filter(Boolean).join(' / ') || '（未编制）'}</td>
            </tr>
            <tr>
              <th scope="row" style={head}>内容摘要</th>
              <td style={cell}>{summary}</td>
            </tr>
            <tr>
              <th scope="row" style={head}>拟公开方式</th>
              <td style={cell}>{disclosure}</td>
            </tr>
            <tr>
              <th scope="row" style={head}>公开范围</th>
              <td style={cell}>{agencyName}门户网站政府信息公开专栏</td>
            </tr>
            <tr>
              <th scope="row" style={head}>公开时间</th>
              <td style={cell}>{when}</td>
            </tr>
          </tbody>
        </table>
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
          审查意见
        </Typography.Title>
        {(reviews.data ?? []).length === 0 ? (
          <Typography.Paragraph>尚无审查记录。</Typography.Paragraph>
        ) : (
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th scope="col" style={head}>审查环节</th>
                <th scope="col" style={head}>审查结论</th>
                <th scope="col" style={head}>意见及理由</th>
                <th scope="col" style={head}>发现的风险</th>
                <th scope="col" style={head}>审查人 / 时间</th>
              </tr>
            </thead>
            <tbody>
              {(reviews.data ?? []).map((r) => (
                <tr key={r.id}>
                  <td style={cell}>{STAGES[r.stage] ?? r.stage}</td>
                  <td style={cell}>{DECISIONS[r.decision] ?? r.decision}</td>
                  <td style={cell}>
                    {r.comment}
                    {r.overrideReason && <div>放行理由：{r.overrideReason}</div>}
                  </td>
                  <td style={cell}>
                    {r.findings.length === 0
                      ? '未发现'
                      : r.findings.map((f, i) => (
                          <div key={i}>
                            {f.level} · {riskKindLabel(f.kind)} · {fieldLabel(f.field)}：{f.excerpt}
                          </div>
                        ))}
                  </td>
                  <td style={cell}>
                    {reviewerLabel(r)}
                    <div>{formatDateTime(r.at)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}
