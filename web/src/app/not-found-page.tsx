import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from './i18n/i18n-context';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/workbench">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
