import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../api-client';
import { useI18n } from '../i18n/i18n-context';
import { loginPath, useAuth } from './auth-context';

/** Renders its children only with a session and a loaded GET /api/me; otherwise goes to login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { token, me, meLoading, meError } = useAuth();
  const location = useLocation();
  const { t } = useI18n();

  if (!token) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (meLoading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (!me) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed', { message: errorMessage(meError) })}
        extra={<Button onClick={() => window.location.reload()}>{t('common.refresh')}</Button>}
      />
    );
  }
  return <>{children}</>;
}

/** Settings pages: a friendly 403 for signed-in users who are not administrators. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useI18n();
  if (!me?.isAdmin) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
