import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context';
import { RequireAdmin, RequireAuth } from './auth/require-auth';
import { NotFoundPage } from './not-found-page';

/** React.lazy for a named export: each page becomes its own chunk. */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AppLayout = lazyPage(() => import('./layout/app-layout'), 'AppLayout');
const LoginPage = lazyPage(() => import('../features/auth/login/login-page'), 'LoginPage');
const WorkbenchPage = lazyPage(() => import('../features/workbench/workbench-page'), 'WorkbenchPage');
const CustomersListPage = lazyPage(() => import('../features/customers/customers-list-page'), 'CustomersListPage');
const CustomerDetailPage = lazyPage(() => import('../features/customers/customer-detail-page'), 'CustomerDetailPage');
const CustomerImportPage = lazyPage(() => import('../features/imports/customer-import-page'), 'CustomerImportPage');
const DuplicatesPage = lazyPage(() => import('../features/duplicates/duplicates-page'), 'DuplicatesPage');
const DataQualityPage = lazyPage(() => import('../features/quality/data-quality-page'), 'DataQualityPage');
const InsightsPage = lazyPage(() => import('../features/insights/insights-page'), 'InsightsPage');
const SegmentsListPage = lazyPage(() => import('../features/segments/segments-list-page'), 'SegmentsListPage');
const SegmentBuilderPage = lazyPage(() => import('../features/segments/segment-builder-page'), 'SegmentBuilderPage');
const TagsPage = lazyPage(() => import('../features/tags/tags-page'), 'TagsPage');
const UsersPage = lazyPage(() => import('../features/admin/users/users-page'), 'UsersPage');
const DepartmentsPage = lazyPage(() => import('../features/admin/departments/departments-page'), 'DepartmentsPage');
const RolesPage = lazyPage(() => import('../features/admin/roles/roles-page'), 'RolesPage');
const CustomFieldsPage = lazyPage(() => import('../features/admin/custom-fields/custom-fields-page'), 'CustomFieldsPage');
const ApiKeysPage = lazyPage(() => import('../features/admin/api-keys/api-keys-page'), 'ApiKeysPage');
const AuditPage = lazyPage(() => import('../features/admin/audit/audit-page'), 'AuditPage');
const IdentityRulesPage = lazyPage(() => import('../features/admin/identity-rules/identity-rules-page'), 'IdentityRulesPage');

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

function SignedInShell() {
  return (
    <RequireAuth>
      <AppLayout />
    </RequireAuth>
  );
}

function AdminOnly() {
  return (
    <RequireAdmin>
      <Outlet />
    </RequireAdmin>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <SignedInShell />,
        children: [
          { index: true, element: <Navigate to="/workbench" replace /> },
          { path: 'workbench', element: <WorkbenchPage /> },
          { path: 'customers', element: <CustomersListPage /> },
          { path: 'customers/import', element: <CustomerImportPage /> },
          { path: 'customers/duplicates', element: <DuplicatesPage /> },
          { path: 'customers/quality', element: <DataQualityPage /> },
          { path: 'customers/:id', element: <CustomerDetailPage /> },
          { path: 'insights', element: <InsightsPage /> },
          { path: 'segments', element: <SegmentsListPage /> },
          { path: 'segments/:id', element: <SegmentBuilderPage /> },
          { path: 'tags', element: <TagsPage /> },
          {
            path: 'settings',
            element: <AdminOnly />,
            children: [
              { index: true, element: <Navigate to="/settings/users" replace /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'departments', element: <DepartmentsPage /> },
              { path: 'roles', element: <RolesPage /> },
              { path: 'custom-fields', element: <CustomFieldsPage /> },
              { path: 'api-keys', element: <ApiKeysPage /> },
              { path: 'audit', element: <AuditPage /> },
              { path: 'identity-rules', element: <IdentityRulesPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
], {
  future: {
    v7_relativeSplatPath: true,
    v7_fetcherPersist: true,
    v7_normalizeFormMethod: true,
    v7_partialHydration: true,
    v7_skipActionErrorRevalidation: true,
  },
});
