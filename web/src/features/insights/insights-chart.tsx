import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

interface Props {
  option: EChartsCoreOption;
  height?: number;
  /** Load the China map before the first render. */
  needsChinaMap?: boolean;
  testId: string;
}

/**
 * One ECharts chart. ECharts (and the China map when asked for) is imported when the chart first
 * mounts, so the page's first paint never waits for it; resized with its container.
 */
export function InsightsChart({ option, height = 320, needsChinaMap = false, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup').then(async ({ echarts, registerChinaMap }) => {
      if (needsChinaMap) await registerChinaMap();
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [needsChinaMap]);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, true);
  }, [ready, option]);

  return <div ref={box} data-testid={testId} data-ready={ready ? 'true' : 'false'} style={{ width: '100%', height }} />;
}
