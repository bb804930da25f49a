import { Card, Col, Empty, Row, Space, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n/i18n-context';
import { CHINA_MAP, CHINA_MAP_NAMES, NANHAI } from './china-map';
import { InsightsChart } from './insights-chart';
import { SnapshotStamp } from './snapshot-stamp';
import { type PortraitBucketDto, type PortraitGroupDto, usePortrait } from './insights-dashboard-api';

type Label = (b: PortraitBucketDto) => string;

function provinceMapOption(buckets: PortraitBucketDto[], label: Label, customersWord: string): EChartsCoreOption {
  const data = buckets.filter((b) => b.value !== null).map((b) => ({ name: b.value, value: b.customers, label: label(b) }));
  const max = Math.max(1, ...data.map((d) => d.value));
  const names = new Map(data.map((d) => [d.name, d.label]));
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => (p.name === NANHAI ? p.name : `${names.get(p.name) ?? p.name}: ${Number.isFinite(p.value) ? p.value : 0} ${customersWord}`) },
    visualMap: { min: 0, max, left: 'left', bottom: 0, calculable: true, inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] } },
    series: [{ type: 'map', map: CHINA_MAP, nameMap: CHINA_MAP_NAMES, roam: false, data, emphasis: { label: { show: false } } }],
  };
}

function barOption(buckets: PortraitBucketDto[], label: Label): EChartsCoreOption {
  const rows = [...buckets].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(label) },
    series: [{ type: 'bar', data: rows.map((b) => b.customers), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } }],
  };
}

function pieOption(buckets: PortraitBucketDto[], label: Label): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: buckets.map((b) => ({ name: label(b), value: b.customers })) }],
  };
}

function GroupCard({ title, group, testId, chart }: { title: string; group: PortraitGroupDto; testId: string; chart: (buckets: PortraitBucketDto[]) => EChartsCoreOption }) {
  const { t } = useI18n();
  const option = useMemo(() => chart(group.buckets), [chart, group.buckets]);
  return (
    <Card title={title} size="small" data-testid={`portrait-${testId}`}>
      {!group.visible ? <Empty description={t('insights.portrait.hidden')} /> : group.buckets.length === 0 ? <Empty description={t('insights.portrait.empty')} /> : <InsightsChart option={option} testId={`portrait-${testId}-chart`} height={280} />}
    </Card>
  );
}

/** 客户画像: customers by province (China map), industry, source and level. */
export function PortraitSection() {
  const { t, locale } = useI18n();
  const portrait = usePortrait();
  const label = useMemo<Label>(() => (b) => (locale === 'en' ? b.labelEn : b.labelZh), [locale]);
  const customersWord = t('insights.portrait.customers');
  const mapOption = useMemo(() => provinceMapOption(portrait.data?.province.buckets ?? [], label, customersWord), [portrait.data, label, customersWord]);
  const bar = useMemo(() => (buckets: PortraitBucketDto[]) => barOption(buckets, label), [label]);
  const pie = useMemo(() => (buckets: PortraitBucketDto[]) => pieOption(buckets, label), [label]);
  const data = portrait.data;
  if (portrait.isPending || !data) return <Card loading />;

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text data-testid="portrait-total">{t('insights.portrait.total', { count: data.total })}</Typography.Text>
          <SnapshotStamp computedAt={data.computedAt} onRefresh={() => void portrait.refresh()} refreshing={portrait.refreshing} testId="portrait-as-of" />
        </Space>
      </Col>
      <Col xs={24} xl={16}>
        <Card title={t('insights.portrait.province')} size="small" data-testid="portrait-province">
          {data.province.visible ? <InsightsChart option={mapOption} needsChinaMap height={460} testId="portrait-map" /> : <Empty description={t('insights.portrait.hidden')} />}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('insights.portrait.provinceTable')} size="small">
          <Table<PortraitBucketDto>
            data-testid="portrait-province-table"
            size="small"
            rowKey={(b) => b.value ?? 'none'}
            pagination={{ pageSize: 12, size: 'small', hideOnSinglePage: true }}
            dataSource={data.province.buckets}
            onRow={(b) => ({ 'data-testid': `portrait-province-${b.value ?? 'none'}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('insights.portrait.provinceColumn'), key: 'label', render: (_, b) => label(b) },
              { title: customersWord, dataIndex: 'customers', align: 'right', render: (n: number, b) => <span data-testid={`portrait-province-count-${b.value ?? 'none'}`}>{n}</span> },
              { title: '%', key: 'share', align: 'right', render: (_, b) => (data.total === 0 ? '–' : `${((b.customers / data.total) * 100).toFixed(1)}%`) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <GroupCard title={t('insights.portrait.industry')} group={data.industry} testId="industry" chart={bar} />
      </Col>
      <Col xs={24} lg={8}>
        <GroupCard title={t('insights.portrait.source')} group={data.source} testId="source" chart={bar} />
      </Col>
      <Col xs={24} lg={8}>
        <GroupCard title={t('insights.portrait.level')} group={data.level} testId="level" chart={pie} />
      </Col>
    </Row>
  );
}
