import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { testId } from '../../app/components/test-id';
import { UserSelect } from '../../app/components/user-select';
import { useI18n } from '../../app/i18n/i18n-context';
import { type CustomerRecord, useTransferCustomer } from './customers-api';

interface TransferOwnerModalProps {
  record: CustomerRecord;
  open: boolean;
  onClose: () => void;
}

export function TransferOwnerModal({ record, open, onClose }: TransferOwnerModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const transfer = useTransferCustomer(record.id);
  const currentOwner = typeof record.ownerId === 'string' || typeof record.ownerId === 'number' ? record.ownerId : undefined;
  const [ownerId, setOwnerId] = useState<Id | undefined>();

  const submit = async () => {
    if (!ownerId) return;
    try {
      await transfer.mutateAsync(ownerId);
      message.success(t('customers.transferred'));
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      open={open}
      title={t('customers.transfer')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ ...testId('transfer-submit'), disabled: !ownerId, loading: transfer.isPending }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('customers.transferTo')} required>
          <UserSelect
            data-testid="transfer-owner"
            excludeId={currentOwner}
            value={ownerId}
            onChange={(next) => setOwnerId(Array.isArray(next) ? undefined : next)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
