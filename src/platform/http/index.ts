export { buildApp, type RouteModule, WEB_DIST } from './app.js';
export { type AppDeps, requestContext, requestLocale } from './http-context.js';
export { withErrors, ErrorBody, openRecordSerializer } from './openapi.js';
export { credentialOf, SESSION_COOKIE } from './authentication-hook.js';
export { RateLimiter } from './rate-limiter.js';
export { sendError } from './error-handler.js';
