// Chinese names for the audit log's action codes and object types. The code itself stays visible next to
// the name: it is what the filters and the CSV export use.

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'org.create-agency': '新建机关',
  'unit.create': '新建科室',
  'unit.update': '修改科室',
  'unit.delete': '删除科室',
  'profile.update': '修改机关概况',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset-password': '重置密码',
  'user.change-password': '修改本人密码',
  'user.reset-totp': '重置动态验证码',
  'user.reset-request': '申请重置管理员凭据',
  'user.reset-approve': '批准重置管理员凭据',
  'user.reset-refuse': '驳回重置管理员凭据',
  'user.reset-expire': '重置申请过期',
  'role.grant': '授予角色',
  'role.revoke': '撤销角色',
  'audit.export': '导出审计日志',
  'audit.verify': '校验哈希链',
  'calendar.import': '导入节假日通知',
  'calendar.override.add': '增加日历调整',
  'calendar.override.remove': '撤销日历调整',
  'calendar.edit': '修改工作日历',
  'deadline.open': '新建办理时限',
  'deadline.pause': '暂停计时',
  'deadline.resume': '恢复计时',
  'deadline.extend': '延长时限',
  'deadline.restart': '重新起算',
  'deadline.close': '结束办理时限',
  'deadline.manage': '管理办理时限',
  'catalog.publish': '发布公开目录',
  'catalog.edit': '编辑公开目录',
  'item.create': '起草信息',
  'item.edit': '修改草稿',
  'item.revise': '起草新版本',
  'item.submit': '提交审核',
  'item.unit-review': '初审通过',
  'item.approve': '复审通过',
  'item.reject': '退回',
  'item.publish': '发布',
  'item.schedule': '定时发布',
  'item.fire-schedule': '定时发布生效',
  'item.withdraw': '撤回',
  'item.mask': '一键遮盖',
  'item.attachment.add': '上传附件',
  'item.attachment.remove': '删除附件',
  'item.import-docx': '导入 Word 正文',
  'risk.word.add': '增加敏感词',
  'risk.word.remove': '删除敏感词',
  'catalog.category.add': '新增目录类别',
  'catalog.category.update': '修改目录类别',
  'catalog.category.remove': '删除目录类别',
};

export const OBJECT_TYPE_LABELS: Record<string, string> = {
  organisation: '机构',
  user: '用户',
  audit: '审计日志',
  session: '会话',
  item: '信息',
  calendar: '工作日历',
  deadline: '办理时限',
  catalog: '公开目录',
  risk: '敏感词',
  attachment: '附件',
};

export const OUTCOME_LABELS: Record<string, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'red' },
  denied: { label: '拒绝', color: 'orange' },
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * A readable name for the object of a record, taken from its summary ({after|before: {code, name, username,
 * displayName}}): "jc-test-unit 测试科" rather than a bare id. Falls back to the id.
 */
export function objectName(objectId: string | null, summary: unknown): string {
  const s = asRecord(summary);
  const snapshot = asRecord(s?.after) ?? asRecord(s?.before) ?? s;
  const pick = (k: string) => (typeof snapshot?.[k] === 'string' ? snapshot[k] : undefined);
  const key = pick('username') ?? pick('code');
  const name = pick('displayName') ?? pick('name');
  const label = [key, name].filter(Boolean).join(' ');
  return label || objectId || '';
}

/** What the chain check found wrong, in words (POST /api/v1/audit/verify `break`). */
export interface ChainBreak {
  seq: number;
  problem: string;
  expectedSeq?: number;
  checkpointSeq?: number;
  checkpointAt?: string;
}

export function chainBreakText(b: ChainBreak): string {
  switch (b.problem) {
    case 'missing':
      return `第 ${b.expectedSeq ?? b.seq} 条记录缺失`;
    case 'truncated':
      return `第 ${b.seq} 条起的记录被删除：库外检查点证明日志曾到第 ${b.checkpointSeq} 条`;
    case 'altered':
      return b.checkpointAt ? `第 ${b.seq} 条记录被改动（与库外检查点不符）` : `第 ${b.seq} 条记录被改动`;
    case 'relinked':
      return `第 ${b.seq} 条记录的链接被改动`;
    case 'wrong-key':
      return `第 ${b.seq} 条记录由另一把审计密钥签署：请检查服务器的审计密钥配置`;
    case 'forged-checkpoint':
      return `检查点文件中第 ${b.seq} 条记录的检查点未经审计密钥签署（被伪造或损坏）`;
    default:
      return `第 ${b.seq} 条记录：${b.problem}`;
  }
}
