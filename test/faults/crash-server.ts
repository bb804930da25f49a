/**
 * The real HTTP app of `relata start --role=api` on DATABASE_URL, without the web build: the process
 * the crash test kills with SIGKILL. Prints `listening <port>` once it serves.
 */
import { bootstrapOrganization } from '../../src/modules/organization/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { openRuntime } from '../../src/server/runtime.js';

const config = loadConfig();
const runtime = await openRuntime(config);
await bootstrapOrganization(runtime.db, runtime.clock, { email: config.adminEmail, password: config.adminPassword });
const app = await createHttpApp({ ...runtime, config: { ...config, rateLimitPerMinute: 1e9, rateLimitPerIpPerMinute: 1e9 }, logger: createLogger('silent') });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
