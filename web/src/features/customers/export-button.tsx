import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { type CustomerListParams, downloadCustomerExport } from './customers-api';

export function ExportButton({ params }: { params: CustomerListParams }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await downloadCustomerExport(params);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button data-testid="customer-export" icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      {busy ? t('customers.exporting') : t('customers.export')}
    </Button>
  );
}
