import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiLogin, choose, launchBrowser, login } from './support/browser.js';
import { E2E_ADMIN, type RunningServer, startRelata } from './support/relata-server.js';


/** The settings pages an admin works in: departments, users, role permissions, API keys, audit. */
describe('administration in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  beforeAll(async () => {
    server = await startRelata();
    browser = await launchBrowser();
    adminToken = await apiLogin(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    page = await browser.newPage();
    await login(page, server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a department to the tree', async () => {
    await page.goto(`${server.baseUrl}/settings/departments`);
    await page.getByTestId('departments-tree').waitFor();
    await page.getByTestId('department-new').click();
    await page.getByTestId('department-form-name').fill('华北销售组');
    await page.getByTestId('department-form-submit').click();
    await expect.poll(() => page.getByTestId('departments-tree').textContent()).toContain('华北销售组');
    const departments = await api<Array<{ name: string }>>(server.baseUrl, adminToken, 'GET', '/api/admin/departments');
    expect(departments.map((d) => d.name)).toContain('华北销售组');
  });

  it('creates a user who can then log in', async () => {
    await page.goto(`${server.baseUrl}/settings/users`);
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-form-email').fill('rep@e2e.local');
    await page.getByTestId('user-form-name').fill('新销售');
    await page.getByTestId('user-form-password').fill('rep-password-1');
    const roles = await api<Array<{ id: number; key: string | null }>>(server.baseUrl, adminToken, 'GET', '/api/admin/roles');
    await choose(page, 'user-form-roles', roles.find((r) => r.key === 'sales_rep')!.id);
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-submit').click();
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('rep@e2e.local');
    expect(await apiLogin(server.baseUrl, 'rep@e2e.local', 'rep-password-1')).toBeTruthy();
  });

  it('changes a field permission, which applies on the next request', async () => {
    const roles = await api<Array<{ id: number; key: string | null }>>(server.baseUrl, adminToken, 'GET', '/api/admin/roles');
    const rep = roles.find((r) => r.key === 'sales_rep')!;
    await page.goto(`${server.baseUrl}/settings/roles`);
    await page.getByTestId(`role-item-${rep.id}`).click();
    await page.getByTestId('field-perm-company-hidden').click();
    await page.getByTestId('role-permissions-save').click();
    const repToken = await apiLogin(server.baseUrl, 'rep@e2e.local', 'rep-password-1');
    await expect
      .poll(async () => (await api<Array<{ key: string }>>(server.baseUrl, repToken, 'GET', '/api/objects/customer/fields')).map((f) => f.key))
      .not.toContain('company');
  });

  it('creates an API key shown once, which works as a bearer token', async () => {
    await page.goto(`${server.baseUrl}/settings/api-keys`);
    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-form-name').fill('集成测试');
    const roles = await api<Array<{ id: number; key: string | null }>>(server.baseUrl, adminToken, 'GET', '/api/admin/roles');
    await choose(page, 'api-key-form-role', roles.find((r) => r.key === 'sales_manager')!.id);
    await page.getByTestId('api-key-form-submit').click();
    const valueBox = page.getByTestId('api-key-value');
    await valueBox.waitFor();
    const key = ((await valueBox.inputValue().catch(() => valueBox.textContent())) ?? '').trim();
    expect(key).toMatch(/^rk_/);
    const list = await api<{ total: number }>(server.baseUrl, key, 'GET', '/api/customers');
    expect(list.total).toBeGreaterThanOrEqual(0);
    await page.getByTestId('api-key-created-close').click();
    expect(await page.getByTestId('api-keys-table').textContent()).not.toContain(key);
  });

  it('shows the audit log and verifies its chain', async () => {
    await page.goto(`${server.baseUrl}/settings/audit`);
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('api_key.create');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/\d/);
    const verify = await api<{ ok: boolean }>(server.baseUrl, adminToken, 'GET', '/api/admin/audit/verify');
    expect(verify.ok).toBe(true);
  });
});
