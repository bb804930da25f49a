// Names shared by the map series (main chunk) and its registration (the lazy ECharts chunk).

/** The name the map is registered under: ECharts adds the 南海诸岛 inset and 钓鱼岛 only to a map named `china`. */
export const CHINA_MAP = 'china';
/** Division code of Taiwan: its region is named 台湾 (ECharts adds 钓鱼岛 to the region of that name). */
export const TAIWAN_CODE = '710000';
/** For the series' `nameMap`: regions are named by 6-digit division code, 台湾 included. */
export const CHINA_MAP_NAMES: Record<string, string> = { 台湾: TAIWAN_CODE };
/** The South China Sea islands inset ECharts draws on the `china` map (no data of its own). */
export const NANHAI = '南海诸岛';
