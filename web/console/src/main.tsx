import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ConsoleRoutes } from './routes.js';
import { SessionProvider } from './session.js';

/**
 * Ant Design's default blue (#1677ff) under white text and its 45 % grey for secondary text fall short of the
 * WCAG AA contrast of 4.5:1 that government sites must meet; darker shades keep the look and pass.
 */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are text too: the default 25 % grey is far below 4.5:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Danger buttons (退回, 撤回, 删除) and error text: the default #ff4d4f reaches only 3.3:1.
    colorError: '#cf1322',
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* No space inserted between two-character labels ("登录", not "登 录"): screen readers read the words as written. */}
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
