import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTopic, isValidTopicPattern, topicMatches } from './topic-pattern.js';

describe('topicMatches', () => {
  it.each([
    ['customer.created', 'customer.created', true],
    ['customer.created', 'customer.updated', false],
    ['customer.*', 'customer.created', true],
    ['customer.*', 'customer.tag.added', true],
    ['customer.*', 'customers.created', false],
    ['customer.*', 'customer', false],
    ['customer.tag.*', 'customer.tag.added', true],
    ['customer.tag.*', 'customer.created', false],
    ['*', 'order.paid', true],
  ])('%s against %s → %s', (pattern, topic, expected) => {
    expect(topicMatches(pattern, topic)).toBe(expected);
  });

  it('matches every topic with its own name and its first segment’s wildcard', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 2, maxLength: 4 }), (segments) => {
        const topic = segments.join('.');
        return isValidTopic(topic) && topicMatches(topic, topic) && topicMatches(`${segments[0]}.*`, topic);
      }),
    );
  });
});

describe('topic validation', () => {
  it.each(['customer.created', 'segment.member.entered', 'order_line.paid'])('accepts topic %s', (topic) => {
    expect(isValidTopic(topic)).toBe(true);
  });

  it.each(['customer', 'Customer.created', 'customer..created', 'customer.*', '', 'customer.created.'])(
    'rejects topic %j',
    (topic) => {
      expect(isValidTopic(topic)).toBe(false);
    },
  );

  it.each([
    ['*', true],
    ['customer.*', true],
    ['customer.tag.*', true],
    ['customer.created', true],
    ['customer*', false],
    ['*.created', false],
    ['customer.*.created', false],
    ['', false],
  ])('pattern %j valid: %s', (pattern, expected) => {
    expect(isValidTopicPattern(pattern)).toBe(expected);
  });
});
