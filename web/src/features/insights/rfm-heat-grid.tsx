import { Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { RfmCellDto } from './insights-api';

const SCORES = [1, 2, 3, 4, 5];

/** Blue shade by share of the busiest cell (empty cells stay light grey). */
function shade(customers: number, max: number): string {
  if (customers === 0 || max === 0) return '#fafafa';
  const alpha = 0.12 + 0.78 * (customers / max);
  return `rgba(22, 119, 255, ${alpha.toFixed(3)})`;
}

export function formatMoney(value: string | number, locale: string): string {
  return Number(value).toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * The 5 × 5 heat grid: rows R 5 (top) → 1, columns FM 1 → 5; each cell shows its customer count and
 * revenue, with the average R/F/M values on hover. A click selects the cell's customers.
 */
export function RfmHeatGrid({ cells, onSelect }: { cells: RfmCellDto[]; onSelect: (cell: RfmCellDto) => void }) {
  const { t, locale } = useI18n();
  const max = Math.max(0, ...cells.map((c) => c.customers));
  const cellAt = (r: number, fm: number) => cells.find((c) => c.r === r && c.fm === fm);
  return (
    <div data-testid="rfm-grid" style={{ display: 'grid', gridTemplateColumns: '64px repeat(5, minmax(90px, 1fr))', gap: 4 }}>
      <div />
      {SCORES.map((fm) => (
        <Typography.Text key={fm} type="secondary" style={{ textAlign: 'center' }}>
          FM {fm}
        </Typography.Text>
      ))}
      {[...SCORES].reverse().map((r) => [
        <Typography.Text key={`r${r}`} type="secondary" style={{ alignSelf: 'center' }}>
          R {r}
        </Typography.Text>,
        ...SCORES.map((fm) => {
          const cell = cellAt(r, fm);
          if (!cell) return <div key={`${r}${fm}`} />;
          const dark = max > 0 && cell.customers / max > 0.55;
          return (
            <Tooltip
              key={`${r}${fm}`}
              title={`${t('insights.rfm.avgRecency')} ${cell.avgRecencyDays} · ${t('insights.rfm.avgFrequency')} ${cell.avgFrequency} · ${t('insights.rfm.avgMonetary')} ${formatMoney(cell.avgMonetary, locale)}`}
            >
              <button
                type="button"
                data-testid={`rfm-cell-${r}${fm}`}
                onClick={() => onSelect(cell)}
                disabled={cell.customers === 0}
                style={{
                  background: shade(cell.customers, max),
                  color: dark ? '#fff' : 'inherit',
                  border: '1px solid #f0f0f0',
                  borderRadius: 6,
                  padding: '8px 4px',
                  cursor: cell.customers === 0 ? 'default' : 'pointer',
                  textAlign: 'center',
                }}
              >
                <div data-testid={`rfm-cell-count-${r}${fm}`} style={{ fontSize: 18, fontWeight: 600 }}>
                  {cell.customers}
                </div>
                <div style={{ fontSize: 12 }}>¥{formatMoney(cell.revenue, locale)}</div>
              </button>
            </Tooltip>
          );
        }),
      ])}
    </div>
  );
}
