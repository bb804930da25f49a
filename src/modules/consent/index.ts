export { consentRoutes } from './consent-routes.js';
export { appendConsentEntries, type ConsentWriter, type NewConsentEntry } from './consent-recording.js';
export { ConsentService, consentStates, currentConsentRead, currentConsentStates } from './consent-service.js';
export { currentConsent, currentStates, decisionOf, isNewer, mayContact, type CurrentState } from './consent-rules.js';
export * from './consent-types.js';
