import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CommentOutlined,
  FireOutlined,
  MessageOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  SnippetsOutlined,
  FieldTimeOutlined,
  DashboardOutlined,
  FormOutlined,
  NotificationOutlined,
  PlusSquareOutlined,
  SafetyOutlined,
  SearchOutlined,
  UnorderedListOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../shared/Loading.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { selectedMenuKey, visibleMenu, type MenuEntry } from './menu.js';

type Item = { key: string; icon: ReactNode; label: ReactNode; children?: Item[] };

/** Menu entries, those of a group gathered under its heading where the group's first entry stands. */
function menuItems(entries: readonly MenuEntry[]): Item[] {
  const out: Item[] = [];
  const groups = new Map<string, Item>();
  for (const m of entries) {
    const item: Item = { key: m.path, icon: ICONS[m.path], label: <Link to={m.path}>{m.label}</Link> };
    if (!m.group) {
      out.push(item);
      continue;
    }
    let group = groups.get(m.group);
    if (!group) {
      group = { key: 'group:' + m.group, icon: GROUP_ICONS[m.group], label: m.group, children: [] };
      groups.set(m.group, group);
      out.push(group);
    }
    group.children!.push(item);
  }
  return out;
}

const ICONS: Record<string, ReactNode> = {
  '/': <DashboardOutlined />,
  '/orgs': <ApartmentOutlined />,
  '/profile': <BankOutlined />,
  '/users': <TeamOutlined />,
  '/calendar': <CalendarOutlined />,
  '/deadlines': <FieldTimeOutlined />,
  '/calculator': <CalculatorOutlined />,
  '/audit': <AuditOutlined />,
  '/account': <UserOutlined />,
  '/publishing': <FormOutlined />,
  '/publishing/new': <PlusSquareOutlined />,
  '/catalog': <UnorderedListOutlined />,
  '/risk-words': <SafetyOutlined />,
  '/search': <SearchOutlined />,
  '/search/analytics': <BarChartOutlined />,
  '/messages': <MessageOutlined />,
  '/messages/hot-topics': <FireOutlined />,
  '/messages/templates': <SnippetsOutlined />,
  '/faq': <QuestionCircleOutlined />,
  '/solicitations': <CommentOutlined />,
  '/messages/settings': <SettingOutlined />,
};

const GROUP_ICONS: Record<string, ReactNode> = { 信息发布: <NotificationOutlined />, 互动交流: <CommentOutlined /> };

export default function ConsoleLayout() {
  const { user, actions, roleLabel, signOut } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const items = menuItems(visibleMenu(actions));

  const onSignOut = async () => {
    try {
      await signOut();
      void navigate('/login', { replace: true });
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>
          政务公开管理平台
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedMenuKey(location.pathname)]}
            defaultOpenKeys={Object.keys(GROUP_ICONS).map((g) => 'group:' + g)}
            items={items}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle" wrap>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <span aria-label="我的角色">
              {user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {roleLabel(r)}
                </Tag>
              ))}
            </span>
            <Link to="/account">我的账号</Link>
            <Button icon={<LogoutOutlined />} onClick={() => void onSignOut()}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {/* Layout.Content is the page's <main> landmark. */}
          {user.withheld && (
            // Administrator roles count only on a session signed in with the second factor (docs/adr/0005).
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`您的${user.withheld.roles.map(roleLabel).join('、')}角色须使用动态验证码登录后才能使用`}
              description={user.withheld.code === 'totp_enrollment_required' ? '请退出后重新登录，并按提示绑定验证器应用。' : '请退出后重新登录，并输入动态验证码。'}
              action={
                <Button size="small" onClick={() => void onSignOut()}>
                  重新登录
                </Button>
              }
            />
          )}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
