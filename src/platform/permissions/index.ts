export * from './access.js';
export { AccessContext } from './access-context.js';
export { loadAccessContext, ownersInScope } from './access-loader.js';
export { ACCESS_VERSION_CHANNEL, AccessVersionListener } from './access-version-listener.js';
export { MetadataCache } from './metadata-cache.js';
