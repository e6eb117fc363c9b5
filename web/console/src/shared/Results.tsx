import { Result } from 'antd';

// Result carries large illustrations: these live in their own chunk, loaded only when shown.

export function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的角色没有使用此功能的权限。" />;
}

export function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要使用的功能。" />;
}
