import {
  AlertOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileProtectOutlined,
  MoneyCollectOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMe, useObjectPermission } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { useCustomerCount } from './workbench-api';

const upcoming: Array<{ key: string; title: MessageKey; icon: ReactNode }> = [
  { key: 'today-contacts', title: 'workbench.todayContacts', icon: <CalendarOutlined /> },
  { key: 'pending-leads', title: 'workbench.pendingLeads', icon: <UserAddOutlined /> },
  { key: 'pool-warnings', title: 'workbench.poolWarnings', icon: <AlertOutlined /> },
  { key: 'approvals', title: 'workbench.approvals', icon: <AuditOutlined /> },
  { key: 'payment-reminders', title: 'workbench.paymentReminders', icon: <MoneyCollectOutlined /> },
  { key: 'expiring-contracts', title: 'workbench.expiringContracts', icon: <FileProtectOutlined /> },
];

export function WorkbenchPage() {
  const { t } = useI18n();
  const { user } = useMe();
  const canRead = useObjectPermission('customer').read;
  const total = useCustomerCount(undefined, canRead);
  const mine = useCustomerCount(user.id, canRead);
  const myFilter = JSON.stringify([{ field: 'ownerId', op: 'eq', value: user.id }]);

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid="workbench-welcome">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('workbench.welcome', { name: user.name || user.email })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('workbench.welcomeHint')}</Typography.Text>
        </Card>
      </Col>
      {canRead && (
        <>
          <Col xs={24} sm={12}>
            <Link to="/customers">
              <Card hoverable>
                <Statistic
                  title={t('workbench.customerTotal')}
                  value={total.data ?? 0}
                  loading={total.isPending}
                  valueRender={(node) => <span data-testid="stat-customer-total">{node}</span>}
                />
              </Card>
            </Link>
          </Col>
          <Col xs={24} sm={12}>
            <Link to={`/customers?filter=${encodeURIComponent(myFilter)}`}>
              <Card hoverable>
                <Statistic
                  title={t('workbench.myCustomers')}
                  value={mine.data ?? 0}
                  loading={mine.isPending}
                  valueRender={(node) => <span data-testid="stat-my-customers">{node}</span>}
                />
              </Card>
            </Link>
          </Col>
        </>
      )}
      {upcoming.map((item) => (
        <Col key={item.key} xs={24} sm={12} lg={8}>
          <Card
            data-testid={`workbench-${item.key}`}
            title={
              <span>
                {item.icon} {t(item.title)}
              </span>
            }
          >
            <Typography.Text type="secondary">{t('workbench.arrivesWithSales')}</Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
