import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { useObjectPermission } from '../../app/auth/auth-context';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import { downloadPersonalData, useEraseCustomer } from './customer-privacy-api';

/** Erasure needs the customer's name typed in, and a reason (kept in the audit log). */
function EraseDialog({ customerId, name, onClose }: { customerId: Id; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const erase = useEraseCustomer(customerId);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const ready = typed.trim() === name.trim() && reason.trim() !== '';
  const run = () =>
    erase.mutate(reason.trim(), {
      onSuccess: () => {
        message.success(t('privacy.erased'));
        onClose();
      },
      onError: (error) => void message.error(t('privacy.eraseFailed', { message: errorMessage(error) })),
    });
  return (
    <Modal
      open
      title={t('privacy.eraseTitle')}
      okText={t('privacy.eraseConfirm')}
      okButtonProps={{ ...testId('privacy-erase-confirm'), danger: true, disabled: !ready }}
      confirmLoading={erase.isPending}
      onOk={run}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon message={t('privacy.eraseWarning')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('privacy.eraseTypeName', { name })}>
          <Input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="privacy-erase-name" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('privacy.eraseReason')}>
          <Input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={t('privacy.eraseReasonHint')} data-testid="privacy-erase-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 导出个人数据 (read + export on customers; the server also wants every field unmasked) and
 * 删除个人数据 (delete on customers). Hidden when the role lacks the right; the server decides.
 */
export function CustomerPrivacyActions({ customerId, name }: { customerId: Id; name: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const permission = useObjectPermission('customer');
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  if (!permission.export && !permission.delete) return null;

  const exportData = async () => {
    setExporting(true);
    try {
      await downloadPersonalData(customerId);
      message.success(t('privacy.exported'));
    } catch (error) {
      message.error(t('privacy.exportFailed', { message: errorMessage(error) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card title={t('privacy.title')}>
      <Typography.Paragraph type="secondary">{t('privacy.hint')}</Typography.Paragraph>
      <Space wrap>
        {permission.export && (
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportData()} data-testid="privacy-export">
            {t('privacy.export')}
          </Button>
        )}
        {permission.delete && (
          <Button danger icon={<DeleteOutlined />} onClick={() => setErasing(true)} data-testid="privacy-erase">
            {t('privacy.erase')}
          </Button>
        )}
      </Space>
      {erasing && <EraseDialog customerId={customerId} name={name} onClose={() => setErasing(false)} />}
    </Card>
  );
}
