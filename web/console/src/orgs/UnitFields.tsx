import { Form, Input, InputNumber } from 'antd';

const codeRules = [
  { required: true, message: '请填写机构编码' },
  { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, message: '只能包含字母、数字、下划线和连字符' },
];

/** Fields of a unit (科室/单位). The code is fixed once created: index numbers and links refer to it. */
export function UnitFields({ withCode }: { withCode: boolean }) {
  return (
    <>
      {withCode && (
        <Form.Item label="机构编码" name="code" rules={codeRules} extra="字母、数字、连字符，创建后不可修改，如 jc-fgw-zhk">
          <Input maxLength={32} />
        </Form.Item>
      )}
      <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="机构职能" name="description">
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item label="电话" name="phone">
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email">
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label="地址" name="address">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="办公时间" name="officeHours">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
        <InputNumber min={0} max={100000} />
      </Form.Item>
    </>
  );
}

/** Fields of a new agency (机关/站点); the rest of its profile is filled in on 机关概况. */
export function AgencyFields() {
  return (
    <>
      <Form.Item label="机构编码" name="code" rules={codeRules} extra="如 jiangchuan，创建后不可修改">
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item label="机关名称" name="name" rules={[{ required: true, message: '请填写机关名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="站点域名" name="host" extra="公众访问该机关门户所用的域名，可稍后填写">
        <Input maxLength={253} placeholder="www.example.gov.cn" />
      </Form.Item>
      <Form.Item label="机构职能" name="description">
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </>
  );
}
