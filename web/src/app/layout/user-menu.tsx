import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space, Typography } from 'antd';
import { useAuth, useMe } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';

export function UserMenu() {
  const { user } = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="logout">{t('user.logout')}</span>,
            onClick: () => void logout(),
          },
        ],
      }}
    >
      <Space data-testid="user-menu" style={{ cursor: 'pointer' }}>
        <Avatar size="small" icon={<UserOutlined />} />
        <Typography.Text>{user.name || user.email}</Typography.Text>
      </Space>
    </Dropdown>
  );
}
