import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export async function login(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Logs in through the API (for setting up data the test is not about). */
export async function apiLogin(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function api<T = unknown>(baseUrl: string, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * antd Select: open it, then click the visible option by its test id (`<select>-option-<value>`;
 * a closed popup stays in the DOM, hidden). A single select closes its popup on a choice; if the
 * popup is still open with the option shown, the click was lost (it can land while the popup is
 * still moving into place on a loaded machine) and the option is clicked again, up to three times.
 * A multiple select stays open by design: one click.
 */
export async function choose(page: Page, selectTestId: string, value: string | number): Promise<void> {
  const select = page.getByTestId(selectTestId);
  const option = page.getByTestId(`${selectTestId}-option-${value}`).filter({ visible: true });
  await select.click();
  await option.click();
  if (((await select.getAttribute('class')) ?? '').includes('ant-select-multiple')) return;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await option.waitFor({ state: 'hidden', timeout: 2000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await option.click();
    }
  }
}

/** Sends one tracking message with a source's write key as HTTP Basic user name. */
export async function track(baseUrl: string, writeKey: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}/v1/${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/v1/${path} → ${res.status} ${await res.text()}`);
}

/**
 * The import page's first steps as a user takes them: open 导入, choose what to import (customers is
 * the default), upload the CSV and go on to the dry run.
 */
export async function startImport(page: Page, baseUrl: string, object: 'customers' | 'orders' | 'events', csvLines: readonly string[]): Promise<void> {
  await page.goto(`${baseUrl}/customers/import`);
  if (object !== 'customers') await page.getByTestId(`import-object-${object}`).click();
  await page.getByTestId('import-upload').setInputFiles({ name: `${object}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csvLines.join('\n'), 'utf8') });
  await page.getByTestId('import-file-name').waitFor();
  await page.getByTestId('import-next').click();
}
