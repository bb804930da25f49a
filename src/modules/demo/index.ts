export { loadDemo, startOfUtcDay, type DemoLoadDeps, type DemoLoadOptions, type DemoLoadResult, type TableLoad } from './demo-loader.js';
export { generateCustomer, customerCreatedAt, type DemoCustomer, type DemoWorld } from './demo-customer-generator.js';
export { activityPlan, generateEvents, generateOrders, type ActivityPlan, type DemoEvent, type DemoOrder } from './demo-activity-generator.js';
export { DEMO_USERS, DEMO_PASSWORD, DEMO_EMAIL_DOMAIN, type DemoUser } from './demo-users.js';
export { Random, WeightedTable, ParetoCount } from './demo-random.js';
export { COPY_NULL, copyBytea, copyRow, copyText } from './copy-text.js';
