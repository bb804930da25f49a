// Loaded on demand by <InsightsChart>: only the chart types and components the insights page uses
// (tree-shaken ECharts core), in its own chunk, fetched when the first chart mounts.
import { BarChart, MapChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, PieChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

let chinaRegistered: Promise<void> | null = null;

/** Registers the China province map (features named by 6-digit division code) once. */
export function registerChinaMap(): Promise<void> {
  chinaRegistered ??= import('./china-provinces.geo.json').then((geo) => {
    echarts.registerMap('china-provinces', geo.default as unknown as Parameters<typeof echarts.registerMap>[1]);
  });
  return chinaRegistered;
}
