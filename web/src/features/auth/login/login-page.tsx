import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../app/api-client';
import { useAuth } from '../../../app/auth/auth-context';
import { useI18n } from '../../../app/i18n/i18n-context';
import { LanguageSwitch } from '../../../app/layout/language-switch';

interface LoginValues {
  email: string;
  password: string;
}

/** Only same-site paths are followed after login, never a full URL. */
function safeReturnTo(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/workbench';
}

export function LoginPage() {
  const { t } = useI18n();
  const { token, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (token && !submitting) return <Navigate to={returnTo} replace />;

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(values.email.trim(), values.password);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setFailure(t('login.failed', { message: errorMessage(error) }));
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {failure && <Alert data-testid="login-error" type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
        <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false} disabled={submitting}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input data-testid="login-email" prefix={<MailOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
