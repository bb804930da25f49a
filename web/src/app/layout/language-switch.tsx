import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { api } from '../api-client';
import { readStoredToken } from '../auth/token-storage';
import { useI18n } from '../i18n/i18n-context';
import type { Locale } from '../i18n/locale-storage';
import { withTestIds } from '../components/select-options';

/** Switches the UI language; remembered in localStorage and, when signed in, in the user's profile. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();

  const change = (next: Locale) => {
    setLocale(next);
    if (readStoredToken()) {
      // Best effort: the choice is already stored locally.
      api.patch('/api/me', { locale: next }).catch(() => undefined);
    }
  };

  return (
    <Select<Locale>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      value={locale}
      onChange={change}
      variant="borderless"
      prefix={<GlobalOutlined />}
      popupMatchSelectWidth={false}
      virtual={false}
      options={withTestIds<Locale>('lang-switch', [
        { value: 'zh-CN', label: t('lang.zh-CN') },
        { value: 'en', label: t('lang.en') },
      ])}
    />
  );
}
