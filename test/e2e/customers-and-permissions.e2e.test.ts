import { describe, expect, it } from 'vitest';
import { api, choose, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('Relata in the browser', () => {
  const relata = useRelata();

  it('logs in, switches language, creates a custom field and a customer, and finds it by filter', async () => {
    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect.poll(() => page.getByTestId('nav-customers').textContent()).toContain('客户');

    await choose(page, 'lang-switch', 'en');
    await expect.poll(() => page.getByTestId('nav-customers').textContent()).toContain('Customers');
    await choose(page, 'lang-switch', 'zh-CN');
    await expect.poll(() => page.getByTestId('nav-customers').textContent()).toContain('客户');

    await page.goto(`${relata.server.baseUrl}/settings/custom-fields`);
    await page.getByTestId('cf-new').click();
    await page.getByTestId('cf-form-key').fill('tier');
    await page.getByTestId('cf-form-labelZh').fill('会员层级');
    await page.getByTestId('cf-form-labelEn').fill('Tier');
    await choose(page, 'cf-form-type', 'text');
    await page.getByTestId('cf-form-submit').click();
    await page.getByTestId('cf-row-tier').waitFor();

    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('customer-new').click();
    await page.getByTestId('customer-form-name').fill('浏览器测试客户');
    await page.getByTestId('customer-form-mobile').fill('13912345678');
    await page.getByTestId('customer-form-cf_tier').fill('gold');
    await page.getByTestId('customer-form-submit').click();
    await page.getByText('浏览器测试客户').first().waitFor();

    // Another customer that the filter must leave out.
    await api(relata.server.baseUrl, relata.adminToken, 'POST', '/api/customers', { name: '不应出现的客户', cf_tier: 'silver' });
    await page.reload();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('filter-add').click();
    await choose(page, 'filter-field', 'cf_tier');
    await choose(page, 'filter-op', 'eq');
    await page.getByTestId('filter-value').fill('gold');
    await page.getByTestId('filter-apply').click();
    await page.getByTestId('filter-chip-0').waitFor();
    const table = page.getByTestId('customers-table');
    // The chip shows before the filtered page arrives: wait for the list to settle.
    await expect.poll(() => table.textContent()).not.toContain('不应出现的客户');
    expect(await table.textContent()).toContain('浏览器测试客户');
    await page.getByText('浏览器测试客户').first().click();
    await expect.poll(() => page.getByTestId('customer-detail-mobile').textContent()).toContain('139****5678');
    expect(await page.getByTestId('customer-detail-cf_tier').textContent()).toContain('gold');
    await page.close();
  });

  it('shows a restricted user the mobile masked and never the hidden field', async () => {
    const role = await api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/admin/roles', { name: '受限查看' });
    await api(relata.server.baseUrl, relata.adminToken, 'PUT', `/api/admin/roles/${role.id}/permissions`, {
      objects: [{ object: 'customer', read: true, create: false, update: false, delete: false, export: false, dataScope: 'all' }],
      fields: [
        { object: 'customer', field: 'name', access: 'read', masked: false },
        { object: 'customer', field: 'mobile', access: 'read', masked: true },
      ],
    });
    await api(relata.server.baseUrl, relata.adminToken, 'POST', '/api/admin/users', { email: 'viewer@e2e.local', name: '受限用户', password: 'viewer-pass-1', roleIds: [role.id] });
    const secret = await api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/customers', { name: '机密客户', mobile: '13700001111', cf_tier: 'platinum-secret' });

    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, 'viewer@e2e.local', 'viewer-pass-1');
    await page.goto(`${relata.server.baseUrl}/customers`);
    const table = page.getByTestId('customers-table');
    await expect.poll(() => table.textContent()).toContain('机密客户');
    await page.getByTestId('column-picker').click();
    const mobileColumn = page.getByTestId('column-picker-mobile');
    if (!(await mobileColumn.isChecked())) await mobileColumn.check();
    await page.keyboard.press('Escape');
    await expect.poll(() => table.textContent()).toContain('137****1111');
    const listText = (await table.textContent()) ?? '';
    expect(listText).not.toContain('13700001111');
    expect(listText).not.toContain('platinum-secret');
    expect(await page.getByTestId('customers-col-cf_tier').count()).toBe(0);
    expect(await page.getByTestId('customer-new').count()).toBe(0);

    await page.goto(`${relata.server.baseUrl}/customers/${secret.id}`);
    await expect.poll(() => page.getByTestId('customer-detail-mobile').textContent()).toContain('137****1111');
    expect(await page.getByTestId('customer-detail-cf_tier').count()).toBe(0);
    expect(await page.getByTestId('reveal-mobile').count()).toBe(0);
    expect(await page.content()).not.toContain('platinum-secret');
    await page.close();
  });
});
