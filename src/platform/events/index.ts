export { publish, publishMany } from './outbox-repository.js';
export { OutboxDispatcher, deliveryJobName, type OutboxDispatcherOptions } from './outbox-dispatcher.js';
export type { OutboxEvent, PublishRequest, Subscription } from './outbox-event.js';
export { isValidTopic, topicMatches } from './topic-pattern.js';
