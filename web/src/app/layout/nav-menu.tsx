import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FormOutlined,
  GiftOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  FunnelPlotOutlined,
  ImportOutlined,
  MergeCellsOutlined,
  ClusterOutlined,
  CheckCircleOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useMe } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/zh-CN';

type MenuItem = Required<MenuProps>['items'][number];

interface NavEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  testId: string;
}

const mainEntries: NavEntry[] = [
  { key: 'workbench', path: '/workbench', label: 'nav.workbench', icon: <DashboardOutlined />, testId: 'nav-workbench' },
  { key: 'customers', path: '/customers', label: 'nav.customers', icon: <TeamOutlined />, testId: 'nav-customers' },
  { key: 'segments', path: '/segments', label: 'nav.segments', icon: <ClusterOutlined />, testId: 'nav-segments' },
  { key: 'tags', path: '/tags', label: 'nav.tags', icon: <TagsOutlined />, testId: 'nav-tags' },
  { key: 'insights', path: '/insights', label: 'nav.insights', icon: <BarChartOutlined />, testId: 'nav-insights' },
];

/** Shown under 客户 to users who may create customers. */
const customerImportEntry: NavEntry = {
  key: 'customers/import',
  path: '/customers/import',
  label: 'nav.customerImport',
  icon: <ImportOutlined />,
  testId: 'nav-customer-import',
};

/** Shown under 客户 to users who may update customers (reviewing merges or dismisses). */
const customerDuplicatesEntry: NavEntry = { key: 'customers/duplicates', path: '/customers/duplicates', label: 'nav.customerDuplicates', icon: <MergeCellsOutlined />, testId: 'nav-customer-duplicates' };

/** Shown under 客户 to admins and users with the customer export right. */
const dataQualityEntry: NavEntry = { key: 'customers/quality', path: '/customers/quality', label: 'nav.dataQuality', icon: <CheckCircleOutlined />, testId: 'nav-data-quality' };

const comingSoon: Array<Omit<NavEntry, 'path'>> = [
  { key: 'leads', label: 'nav.leads', icon: <UsergroupAddOutlined />, testId: 'nav-leads' },
  { key: 'opportunities', label: 'nav.opportunities', icon: <FunnelPlotOutlined />, testId: 'nav-opportunities' },
  { key: 'journeys', label: 'nav.journeys', icon: <NodeIndexOutlined />, testId: 'nav-journeys' },
  { key: 'service', label: 'nav.service', icon: <CustomerServiceOutlined />, testId: 'nav-service' },
  { key: 'loyalty', label: 'nav.loyalty', icon: <GiftOutlined />, testId: 'nav-loyalty' },
];

const settingsEntries: NavEntry[] = [
  { key: 'settings/users', path: '/settings/users', label: 'nav.settings.users', icon: <UserOutlined />, testId: 'nav-settings-users' },
  {
    key: 'settings/departments',
    path: '/settings/departments',
    label: 'nav.settings.departments',
    icon: <ApartmentOutlined />,
    testId: 'nav-settings-departments',
  },
  {
    key: 'settings/roles',
    path: '/settings/roles',
    label: 'nav.settings.roles',
    icon: <SafetyCertificateOutlined />,
    testId: 'nav-settings-roles',
  },
  {
    key: 'settings/custom-fields',
    path: '/settings/custom-fields',
    label: 'nav.settings.customFields',
    icon: <FormOutlined />,
    testId: 'nav-settings-custom-fields',
  },
  { key: 'settings/api-keys', path: '/settings/api-keys', label: 'nav.settings.apiKeys', icon: <KeyOutlined />, testId: 'nav-settings-api-keys' },
  { key: 'settings/audit', path: '/settings/audit', label: 'nav.settings.audit', icon: <AuditOutlined />, testId: 'nav-settings-audit' },
  { key: 'settings/identity-rules', path: '/settings/identity-rules', label: 'nav.settings.identityRules', icon: <UserOutlined />, testId: 'nav-settings-identity-rules' },
];

/** The menu key for a path: /customers/123 → customers, /settings/roles → settings/roles. */
function selectedKeyFor(pathname: string): string {
  const [first = '', second = ''] = pathname.split('/').filter(Boolean);
  if (first === 'customers' && second === 'import') return 'customers/import';
  if (first === 'customers' && second === 'duplicates') return 'customers/duplicates';
  if (first === 'customers' && second === 'quality') return 'customers/quality';
  return first === 'settings' ? `settings/${second}` : first;
}

export function NavMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useI18n();
  const { isAdmin, objects } = useMe();
  const { pathname } = useLocation();
  const selectedKey = selectedKeyFor(pathname);

  const linkItem = (entry: NavEntry): MenuItem => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={entry.testId}>
        {t(entry.label)}
      </Link>
    ),
  });

  const items: MenuItem[] = [
    ...mainEntries.map(linkItem),
    ...(objects.customer?.create ? [linkItem(customerImportEntry)] : []),
    ...(objects.customer?.update ? [linkItem(customerDuplicatesEntry)] : []),
    ...(isAdmin || objects.customer?.export ? [linkItem(dataQualityEntry)] : []),
    ...comingSoon.map<MenuItem>((entry) => ({
      key: entry.key,
      icon: entry.icon,
      disabled: true,
      label: (
        <span data-testid={entry.testId}>
          {t(entry.label)}
          {!collapsed && (
            <Tag bordered={false} style={{ marginInlineStart: 8, fontSize: 11, lineHeight: '18px', paddingInline: 5 }}>
              {t('common.comingSoon')}
            </Tag>
          )}
        </span>
      ),
    })),
  ];
  if (isAdmin) {
    items.push({
      key: 'settings',
      icon: <SettingOutlined />,
      label: <span data-testid="nav-settings">{t('nav.settings')}</span>,
      children: settingsEntries.map(linkItem),
    });
  }

  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[selectedKey]}
      defaultOpenKeys={['settings']}
      items={items}
    />
  );
}
