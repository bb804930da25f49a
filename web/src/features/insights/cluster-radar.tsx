import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n/i18n-context';
import { InsightsChart } from './insights-chart';
import type { ClusterDto, DistributionsDto } from './insights-dashboard-api';

/** 客户分群: a radar of the clusters' scaled centroids and a legend with the description and suggested action. */
export function ClusterRadar({ run }: { run: DistributionsDto['clusters'] }) {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  const name = (c: ClusterDto) => (en ? c.nameEn : c.nameZh);
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!run || run.features.length < 3) return null;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      radar: { indicator: run.features.map((f) => ({ name: f, min: 0, max: 1 })), radius: '62%' },
      series: [{ type: 'radar', data: run.clusters.map((c) => ({ name: `${c.cluster + 1}. ${en ? c.nameEn : c.nameZh}`, value: run.features.map((f) => c.radar[f] ?? 0), areaStyle: { opacity: 0.08 } })) }],
    };
  }, [run, en]);

  if (!run) return <Empty data-testid="clusters-empty" description={t('insights.clusters.empty')} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={11}>
        <Card title={t('insights.clusters.radar')} size="small">
          <Typography.Paragraph type="secondary">{t('insights.clusters.hint', { k: run.k, time: new Date(run.finishedAt).toLocaleString(en ? 'en-US' : 'zh-CN') })}</Typography.Paragraph>
          {option ? <InsightsChart option={option} height={420} testId="clusters-radar" /> : <Empty description={t('insights.clusters.fewFeatures')} />}
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card title={t('insights.clusters.legend')} size="small">
          <Table<ClusterDto>
            data-testid="clusters-table"
            size="small"
            rowKey="cluster"
            pagination={false}
            dataSource={run.clusters}
            onRow={(c) => ({ 'data-testid': `cluster-row-${c.cluster}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('insights.clusters.cluster'), key: 'name', render: (_, c) => <Typography.Text strong>{`${c.cluster + 1}. ${name(c)}`}</Typography.Text> },
              { title: t('insights.clusters.size'), dataIndex: 'customersInScope', align: 'right', render: (n: number, c) => (n === c.size ? n : `${n} / ${c.size}`) },
              { title: t('insights.clusters.traits'), key: 'traits', render: (_, c) => (en ? c.traitsEn : c.traitsZh) },
              { title: t('insights.clusters.action'), key: 'action', render: (_, c) => (en ? c.actionEn : c.actionZh) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
