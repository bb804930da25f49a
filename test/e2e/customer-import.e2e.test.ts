import { describe, expect, it } from 'vitest';
import { choose, login, startImport } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('Customer import in the browser', () => {
  const relata = useRelata();

  it('uploads a CSV, previews 2 valid / 1 invalid rows, imports them and finds one in the list', async () => {
    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await startImport(page, relata.server.baseUrl, 'customers', ['客户名称,手机号,客户等级', '导入测试甲,13800001111,A', '导入测试乙,13800002222,B', '导入测试丙,12345,C']);

    await expect.poll(() => page.getByTestId('import-valid-count').textContent()).toBe('2');
    expect(await page.getByTestId('import-invalid-count').textContent()).toBe('1');
    // The suggested mapping is shown per column.
    await page.getByTestId('import-mapping-手机号').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('4');
    // Changing the mapping validates again: without the mobile column every row is valid.
    await choose(page, 'import-mapping-手机号', '__ignore__');
    await expect.poll(() => page.getByTestId('import-invalid-count').textContent()).toBe('0');
    expect(await page.getByTestId('import-valid-count').textContent()).toBe('3');
    await choose(page, 'import-mapping-手机号', 'mobile');
    await expect.poll(() => page.getByTestId('import-invalid-count').textContent()).toBe('1');
    expect(await page.getByTestId('import-valid-count').textContent()).toBe('2');
    // Saved as a template, the mapping comes back after it was changed: choosing the template applies it.
    await page.getByTestId('import-template-name').fill('门店模板');
    await page.getByTestId('import-template-save').click();
    await expect.poll(() => page.getByTestId('import-template-name').inputValue()).toBe('');
    await choose(page, 'import-mapping-手机号', '__ignore__');
    await expect.poll(() => page.getByTestId('import-invalid-count').textContent()).toBe('0');
    await choose(page, 'import-template-select', '门店模板');
    await expect.poll(() => page.getByTestId('import-invalid-count').textContent()).toBe('1');
    expect(await page.getByTestId('import-valid-count').textContent()).toBe('2');

    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result-created').textContent(), { timeout: 20_000 }).toBe('2');
    await page.getByTestId('import-error-report').waitFor();

    await page.getByTestId('import-to-list').click();
    const table = page.getByTestId('customers-table');
    await table.waitFor();
    await page.getByTestId('customers-search').fill('导入测试乙');
    await page.getByTestId('customers-search').press('Enter');
    await expect.poll(() => table.textContent()).toContain('导入测试乙');
    await expect.poll(() => table.textContent()).not.toContain('导入测试甲');
    await page.close();
  });
});
