export { sessionRoutes } from './session-routes.js';
export { bootstrapOrganization, type BootstrapResult } from './bootstrap.js';
export { CHINA_PROVINCES, CHINA_CITIES } from './china-provinces.js';
