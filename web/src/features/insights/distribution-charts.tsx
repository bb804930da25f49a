import { Card, Col, Empty, Row, Statistic } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n/i18n-context';
import { InsightsChart } from './insights-chart';
import type { DistributionsDto } from './insights-dashboard-api';

const LEVEL_COLOURS = { low: '#52c41a', medium: '#faad14', high: '#ff4d4f' } as const;
const money = (n: number, locale: string) => n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 0 });

/** 价值与风险: the 12-month CLV histogram and the churn-risk levels and bands. */
export function DistributionCharts({ data }: { data: DistributionsDto }) {
  const { t, locale } = useI18n();
  const clvOption = useMemo<EChartsCoreOption>(() => {
    const labels = data.clv.bars.map((b) => (b.to === null ? `≥ ${money(b.from, locale)}` : `${money(b.from, locale)}–${money(b.to, locale)}`));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, name: t('insights.dist.clvAxis'), nameLocation: 'middle', nameGap: 28, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1, name: t('insights.portrait.customers') },
      series: [{ type: 'bar', data: data.clv.bars.map((b) => b.customers), itemStyle: { color: '#722ed1' } }],
    };
  }, [data.clv, locale, t]);
  const levelOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: data.churn.levels.map((l) => ({ name: t(`insights.dist.level.${l.level}`), value: l.customers, itemStyle: { color: LEVEL_COLOURS[l.level] } })) }],
    }),
    [data.churn.levels, t],
  );
  const bandOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.churn.bands.map((b) => `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1, name: t('insights.portrait.customers') },
      series: [{ type: 'bar', data: data.churn.bands.map((b) => ({ value: b.customers, itemStyle: { color: b.from >= 0.7 ? '#ff4d4f' : b.from >= 0.4 ? '#faad14' : '#52c41a' } })) }],
    }),
    [data.churn.bands, t],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('insights.dist.clv')} size="small" data-testid="dist-clv">
          {data.clv.customers === 0 ? (
            <Empty description={t('insights.dist.clvEmpty')} />
          ) : (
            <>
              <Statistic title={t('insights.dist.scored')} value={data.clv.customers} valueStyle={{ fontSize: 18 }} />
              <InsightsChart option={clvOption} testId="dist-clv-chart" />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('insights.dist.churn')} size="small" data-testid="dist-churn">
          {data.churn.customers === 0 ? (
            <Empty description={t('insights.dist.churnEmpty')} />
          ) : (
            <Row gutter={8}>
              <Col xs={24} md={10}>
                <InsightsChart option={levelOption} testId="dist-churn-levels" />
              </Col>
              <Col xs={24} md={14}>
                <InsightsChart option={bandOption} testId="dist-churn-bands" />
              </Col>
            </Row>
          )}
        </Card>
      </Col>
    </Row>
  );
}
