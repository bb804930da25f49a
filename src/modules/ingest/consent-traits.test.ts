import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_CHANNELS, CONSENT_PURPOSES } from '../consent/index.js';
import { readConsentTraits } from './consent-traits.js';
import { changesOnly, erasureMarkers } from './tracking-consent.js';
import type { TrackingMessage } from './tracking-message.js';

const message = (type: TrackingMessage['type'], traits: Record<string, unknown>, context: Record<string, unknown> = {}) => ({ type, traits, context });

describe('readConsentTraits', () => {
  const cases: [string, ReturnType<typeof message>, unknown][] = [
    ['no consent at all', message('identify', { name: 'x' }), []],
    [
      'per channel booleans',
      message('identify', { consent: { marketing: { email: true, sms: false } } }),
      [
        { purpose: 'marketing', channel: 'email', granted: true, via: 'traits.consent' },
        { purpose: 'marketing', channel: 'sms', granted: false, via: 'traits.consent' },
      ],
    ],
    ['a bare boolean is channel any', message('identify', { consent: { analytics: true } }), [{ purpose: 'analytics', channel: 'any', granted: true, via: 'traits.consent' }]],
    ['traits.consent only counts on identify', message('group', { consent: { marketing: true } }), []],
    [
      'Segment categories mapped to purposes, others ignored, case and spaces ignored',
      message('track', {}, { consent: { categoryPreferences: { Advertising: true, ' Analytics ': false, Functional: true, C0001: true } } }),
      [
        { purpose: 'marketing', channel: 'any', granted: true, via: 'context.consent.categoryPreferences', category: 'Advertising' },
        { purpose: 'analytics', channel: 'any', granted: false, via: 'context.consent.categoryPreferences', category: ' Analytics ' },
      ],
    ],
    [
      'categories first, then traits (more specific wins)',
      message('identify', { consent: { marketing: false } }, { consent: { categoryPreferences: { marketing: true } } }),
      [
        { purpose: 'marketing', channel: 'any', granted: true, via: 'context.consent.categoryPreferences', category: 'marketing' },
        { purpose: 'marketing', channel: 'any', granted: false, via: 'traits.consent' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, input, decisions) => {
    expect(readConsentTraits(input)).toEqual({ ok: true, decisions });
  });

  const bad: [ReturnType<typeof message>, string][] = [
    [message('identify', { consent: 'yes' }), 'traits.consent'],
    [message('identify', { consent: { newsletter: true } }), 'traits.consent.newsletter'],
    [message('identify', { consent: { marketing: 'yes' } }), 'traits.consent.marketing'],
    [message('identify', { consent: { marketing: { fax: true } } }), 'traits.consent.marketing.fax'],
    [message('identify', { consent: { marketing: { email: 1 } } }), 'traits.consent.marketing.email'],
    [message('page', {}, { consent: { categoryPreferences: ['Advertising'] } }), 'context.consent.categoryPreferences'],
    [message('page', {}, { consent: { categoryPreferences: { Advertising: 'true' } } }), 'context.consent.categoryPreferences.Advertising'],
  ];
  it.each(bad)('refuses %j at %s', (input, field) => {
    expect(readConsentTraits(input)).toEqual({ ok: false, field });
  });

  it('reads every valid purpose × channel × boolean back as given', () => {
    const purpose = fc.constantFrom(...CONSENT_PURPOSES);
    const channels = fc.dictionary(fc.constantFrom(...CONSENT_CHANNELS), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(purpose, channels), (consent) => {
        const read = readConsentTraits(message('identify', { consent }));
        const expected = Object.entries(consent).flatMap(([p, byChannel]) => Object.entries(byChannel).map(([channel, granted]) => ({ purpose: p, channel, granted, via: 'traits.consent' })));
        expect(read).toEqual({ ok: true, decisions: expected });
      }),
    );
  });
});

describe('changesOnly', () => {
  const at = new Date('2026-05-01T00:00:00Z');
  const entry = (customerId: number, channel: 'email' | 'any', status: 'granted' | 'withdrawn', source: 'tracking' | 'erasure' = 'tracking') => ({
    customerId,
    purpose: 'marketing' as const,
    channel,
    status,
    occurredAt: at,
    source,
    evidence: {},
  });

  it('drops repeats of the stored or already appended state, keeps changes in order', () => {
    const stored = new Map([['1:marketing:email', 'granted' as const]]);
    const kept = changesOnly([entry(1, 'email', 'granted'), entry(1, 'email', 'withdrawn'), entry(1, 'email', 'withdrawn'), entry(2, 'email', 'granted'), entry(2, 'email', 'granted')], stored);
    expect(kept).toEqual([entry(1, 'email', 'withdrawn'), entry(2, 'email', 'granted')]);
  });

  it('an any entry decides the channels after it; erasure markers are always kept', () => {
    const stored = new Map([['1:marketing:email', 'withdrawn' as const]]);
    const kept = changesOnly([entry(1, 'any', 'withdrawn', 'erasure'), entry(1, 'email', 'withdrawn'), entry(1, 'any', 'granted'), entry(1, 'email', 'granted')], stored);
    expect(kept).toEqual([entry(1, 'any', 'withdrawn', 'erasure'), entry(1, 'any', 'granted')]);
  });
});

describe('erasureMarkers', () => {
  it('one withdrawal per purpose for each flagged customer, dated at its first event of the batch', () => {
    const m = (messageId: string) => ({ messageId }) as TrackingMessage & { messageId: string };
    const tracked = [
      { message: m('b'), customerId: 7, occurredAt: new Date('2026-05-02T00:00:00Z') },
      { message: m('a'), customerId: 7, occurredAt: new Date('2026-05-01T00:00:00Z') },
      { message: m('c'), customerId: 8, occurredAt: new Date('2026-05-01T00:00:00Z') },
    ];
    const markers = erasureMarkers(tracked, new Set([7]), 3);
    expect(markers.map((x) => [x.customerId, x.purpose, x.channel, x.status, x.source, x.occurredAt.toISOString()])).toEqual(
      CONSENT_PURPOSES.map((p) => [7, p, 'any', 'withdrawn', 'erasure', '2026-05-01T00:00:00.000Z']),
    );
    expect(markers[0]?.evidence).toEqual({ reason: 'previously_erased_identifier', messageId: 'a', sourceId: 3 });
  });
});
