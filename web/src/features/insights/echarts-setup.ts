// Loaded on demand by <InsightsChart>: only the chart types and components the insights page uses
// (tree-shaken ECharts core), in its own chunk, fetched when the first chart mounts.
import { BarChart, MapChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { CHINA_MAP, TAIWAN_CODE } from './china-map';

echarts.use([BarChart, MapChart, PieChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

let chinaRegistered: Promise<void> | null = null;


interface GeoJson {
  features: { id: string; properties: { name: string } }[];
}

/** Registers the China province map once, as CHINA_MAP with Taiwan's region named 台湾 (see china-map.ts). */
export function registerChinaMap(): Promise<void> {
  chinaRegistered ??= import('./china-provinces.geo.json').then((geo) => {
    const map = geo.default as unknown as GeoJson;
    const features = map.features.map((f) => (f.id === TAIWAN_CODE ? { ...f, properties: { ...f.properties, name: '台湾' } } : f));
    echarts.registerMap(CHINA_MAP, { ...map, features } as unknown as Parameters<typeof echarts.registerMap>[1]);
  });
  return chinaRegistered;
}
