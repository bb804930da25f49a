import { Layout, Spin, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';
import { NavMenu } from './nav-menu';
import { UserMenu } from './user-menu';

const COLLAPSED_KEY = 'relata.nav.collapsed';

export function PageSpinner() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', padding: 64 }}>
      <Spin />
    </div>
  );
}

/** The signed-in shell: navigation on the left, header on top, the routed page in the middle. */
export function AppLayout() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const toggle = (next: boolean) => {
    setCollapsed(next);
    localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={toggle}
        width={256}
        style={{ overflow: 'auto', height: '100vh', position: 'sticky', top: 0, insetInlineStart: 0 }}
      >
        <Link to="/workbench" data-testid="app-logo">
          <div style={{ color: '#fff', fontSize: 20, fontWeight: 600, padding: '16px 24px', whiteSpace: 'nowrap' }}>
            {collapsed ? 'R' : t('app.name')}
          </div>
        </Link>
        <NavMenu collapsed={collapsed} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong data-testid="app-name" style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content style={{ margin: 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
