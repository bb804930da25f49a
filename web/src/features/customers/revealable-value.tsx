import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import type { FieldMeta, Id } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import { revealCustomerField } from './customers-api';
import { isEmptyValue } from './field-format';

interface RevealableValueProps {
  customerId: Id;
  field: FieldMeta;
  /** The masked rendering, e.g. 138****1234. */
  masked: ReactNode;
  hasValue: boolean;
}

/**
 * A sensitive value shows masked; users with full access may press "查看" to fetch the clear value
 * (POST /api/customers/{id}/reveal, audited). Masked-only access (field.masked) gets no button.
 */
export function RevealableValue({ customerId, field, masked, hasValue }: RevealableValueProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const canReveal = !field.masked && hasValue;

  const reveal = async () => {
    setLoading(true);
    try {
      const result = await revealCustomerField(customerId, field.key);
      setRevealed(isEmptyValue(result.value) ? '' : String(result.value));
    } catch (error) {
      message.error(t('customers.revealFailed', { message: errorMessage(error) }));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={4}>
      <span data-testid={`customer-detail-${field.key}`}>{revealed ?? masked}</span>
      {canReveal &&
        (revealed === null ? (
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={loading}
            onClick={() => void reveal()}
            data-testid={`reveal-${field.key}`}
          >
            {t('customers.reveal')}
          </Button>
        ) : (
          <Button
            type="link"
            size="small"
            icon={<EyeInvisibleOutlined />}
            onClick={() => setRevealed(null)}
            data-testid={`hide-${field.key}`}
            aria-label="hide"
          />
        ))}
    </Space>
  );
}
