import { Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import type { OrgNode } from '../orgs/tree.js';
import type { RoleInfo } from '../types.js';
import { OrgPicker } from './OrgPicker.js';

export const PASSWORD_HINT = '至少 10 个字符，含大写字母、小写字母、数字、符号中的至少三类，且不含用户名';

/** Fields of a staff account; username and initial password only when creating it. */
export function UserFields({ tree, creating }: { tree: readonly OrgNode[]; creating: boolean }) {
  return (
    <>
      {creating && (
        <Form.Item
          label="用户名"
          name="username"
          extra="登录用，小写字母、数字、点、下划线或连字符，创建后不可修改"
          rules={[
            { required: true, message: '请填写用户名' },
            { pattern: /^[a-z0-9][a-z0-9._-]*$/, message: '只能包含小写字母、数字、点、下划线和连字符' },
            { min: 3, message: '至少 3 个字符' },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="所属机构" name="org" rules={[{ required: true, message: '请选择所属机构' }]}>
        <OrgPicker tree={tree} />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label="电话" name="phone">
        <Input maxLength={30} />
      </Form.Item>
      {creating && (
        <Form.Item label="初始密码" name="password" extra={`${PASSWORD_HINT}。这是一次性密码：本人首次登录时须改为自己的密码`} rules={[{ required: true, message: '请设置初始密码' }]}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      )}
    </>
  );
}

/** A new password of one's own, typed twice (changing one's password, or replacing a one-time password). */
export function NewPasswordFields({ prefix, autoFocus = false }: { prefix?: ReactNode; autoFocus?: boolean }) {
  return (
    <>
      <Form.Item label="新密码" name="newPassword" extra={PASSWORD_HINT} rules={[{ required: true, message: '请填写新密码' }]}>
        <Input.Password prefix={prefix} autoComplete="new-password" maxLength={128} autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次填写新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次填写的新密码不一致')),
          }),
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </>
  );
}

/** A role and the organisation (subtree) it covers. The server enforces the separation of duties. */
export function GrantFields({ tree, roles }: { tree: readonly OrgNode[]; roles: readonly RoleInfo[] }) {
  return (
    <>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roles.map((r) => ({ value: r.role, label: r.label }))} />
      </Form.Item>
      <Form.Item
        label="管理范围"
        name="org"
        extra="角色作用于所选机构及其下级机构；“全平台”覆盖所有机关"
        rules={[{ required: true, message: '请选择管理范围' }]}
      >
        <OrgPicker tree={tree} withPlatform />
      </Form.Item>
    </>
  );
}
