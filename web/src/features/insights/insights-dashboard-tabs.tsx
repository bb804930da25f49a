import { Card } from 'antd';
import { ClusterRadar } from './cluster-radar';
import { DistributionCharts } from './distribution-charts';
import { useDistributions } from './insights-dashboard-api';
import { SnapshotStamp } from './snapshot-stamp';

/** 价值与风险 tab (one request shared with the clusters tab through the query cache). */
export function ValueAndRiskTab() {
  const distributions = useDistributions();
  if (!distributions.data) return <Card loading />;
  return (
    <>
      <SnapshotStamp computedAt={distributions.data.computedAt} onRefresh={() => void distributions.refresh()} refreshing={distributions.refreshing} testId="distributions-as-of" />
      <DistributionCharts data={distributions.data} />
    </>
  );
}

/** 客户分群 tab. */
export function ClustersTab() {
  const distributions = useDistributions();
  return distributions.data ? <ClusterRadar run={distributions.data.clusters} /> : <Card loading />;
}
