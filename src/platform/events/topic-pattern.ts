/**
 * Topics name what happened to what, lower-case and dot-separated: `customer.created`,
 * `segment.member.entered`. A subscription pattern is a topic, `<prefix>.*` (every topic under the
 * prefix, at any depth), or `*` (every topic).
 */
const TOPIC = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const PREFIX_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.\*$/;

export function isValidTopic(topic: string): boolean {
  return TOPIC.test(topic);
}

export function isValidTopicPattern(pattern: string): boolean {
  return pattern === '*' || TOPIC.test(pattern) || PREFIX_PATTERN.test(pattern);
}

/**
 * @example topicMatches('customer.*', 'customer.created') // true
 * @example topicMatches('customer.*', 'customers.created') // false: the prefix ends at a dot
 * @example topicMatches('customer.created', 'customer.created') // true
 */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}
