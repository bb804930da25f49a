/**
 * Consent columns of a customer import (pure). A header `consent_<purpose>_<channel>` (case and
 * spaces/hyphens ignored; purpose marketing | analytics | sensitive_data, channel email | sms |
 * wecom | push | any) carries a decision per row: yes / no (also 是 / 否, true / false, 1 / 0,
 * granted / withdrawn, 同意 / 撤回). An empty cell records nothing; anything else is a row error on
 * that column. Such columns are read whatever the mapping says (they are not customer fields).
 */
import { errorMessage, type Locale } from '../../platform/errors/index.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose, type ConsentStatus } from '../consent/index.js';
import type { RowError } from './row-validation.js';

export interface ConsentColumn {
  index: number;
  header: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
}

export interface ConsentCell {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  column: string;
}

const GRANTED = new Set(['yes', 'y', 'true', '1', '是', 'granted', '同意']);
const WITHDRAWN = new Set(['no', 'n', 'false', '0', '否', 'withdrawn', '撤回']);

/** The consent columns among the headers. */
export function findConsentColumns(headers: readonly string[]): ConsentColumn[] {
  return headers.flatMap((header, index) => {
    const key = header.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!key.startsWith('consent_')) return [];
    const rest = key.slice('consent_'.length);
    const purpose = CONSENT_PURPOSES.find((p) => rest.startsWith(`${p}_`));
    const channel = purpose ? CONSENT_CHANNELS.find((c) => rest === `${purpose}_${c}`) : undefined;
    return purpose && channel ? [{ index, header, purpose, channel }] : [];
  });
}

/** The row's decisions, or its errors (field = the column header). */
export function readConsentCells(cells: readonly string[], row: number, columns: readonly ConsentColumn[], locale: Locale): { ok: true; cells: ConsentCell[] } | { ok: false; errors: RowError[] } {
  const decisions: ConsentCell[] = [];
  const errors: RowError[] = [];
  for (const column of columns) {
    const text = (cells[column.index] ?? '').trim().toLowerCase();
    if (text === '') continue;
    const status = GRANTED.has(text) ? 'granted' : WITHDRAWN.has(text) ? 'withdrawn' : null;
    if (status) decisions.push({ purpose: column.purpose, channel: column.channel, status, column: column.header });
    else errors.push({ row, field: column.header, code: 'field.invalid_value', message: errorMessage('field.invalid_value', locale, { field: column.header, reason: 'yes / no' }) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cells: decisions };
}
