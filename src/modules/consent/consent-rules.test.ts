import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentConsent, currentStates, mayContact } from './consent-rules.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, CONSENT_STATUSES, type ConsentChannel, type ConsentFact } from './consent-types.js';

const day = (d: number) => new Date(Date.UTC(2026, 4, d));
let nextId = 1;
function fact(channel: ConsentChannel, status: ConsentFact['status'], d: number, id = nextId++): ConsentFact {
  return { id, purpose: 'marketing', channel, status, occurredAt: day(d) };
}

describe('currentConsent / mayContact (table)', () => {
  const cases: { name: string; ledger: ConsentFact[]; channel: ConsentChannel; expected: ReturnType<typeof mayContact> }[] = [
    { name: 'no entry → deny', ledger: [], channel: 'sms', expected: { allowed: false, reason: 'no_consent' } },
    { name: 'channel grant', ledger: [fact('sms', 'granted', 1)], channel: 'sms', expected: { allowed: true, reason: 'granted' } },
    { name: 'grant on another channel does not count', ledger: [fact('email', 'granted', 1)], channel: 'sms', expected: { allowed: false, reason: 'no_consent' } },
    { name: 'any grant covers a channel', ledger: [fact('any', 'granted', 1)], channel: 'wecom', expected: { allowed: true, reason: 'granted' } },
    { name: 'newer any withdrawal beats a channel grant', ledger: [fact('sms', 'granted', 1), fact('any', 'withdrawn', 2)], channel: 'sms', expected: { allowed: false, reason: 'withdrawn' } },
    { name: 'newer channel grant beats an any withdrawal', ledger: [fact('any', 'withdrawn', 1), fact('sms', 'granted', 2)], channel: 'sms', expected: { allowed: true, reason: 'granted' } },
    { name: 'channel withdrawal newer than any grant', ledger: [fact('any', 'granted', 1), fact('push', 'withdrawn', 2)], channel: 'push', expected: { allowed: false, reason: 'withdrawn' } },
    { name: 'same instant: higher id wins', ledger: [fact('sms', 'withdrawn', 3, 11), fact('sms', 'granted', 3, 10)], channel: 'sms', expected: { allowed: false, reason: 'withdrawn' } },
    { name: 'same instant across sms and any: higher id wins', ledger: [fact('any', 'granted', 3, 21), fact('sms', 'withdrawn', 3, 20)], channel: 'sms', expected: { allowed: true, reason: 'granted' } },
    { name: 'asking for any ignores channel entries', ledger: [fact('sms', 'granted', 5), fact('any', 'withdrawn', 1)], channel: 'any', expected: { allowed: false, reason: 'withdrawn' } },
    { name: 'later insert with an older time does not win', ledger: [fact('sms', 'granted', 9), fact('sms', 'withdrawn', 2)], channel: 'sms', expected: { allowed: true, reason: 'granted' } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(mayContact(c.ledger, 'marketing', c.channel)).toEqual(c.expected));
  }

  it('purposes are separate (sensitive data needs its own consent)', () => {
    const ledger = [fact('any', 'granted', 1)];
    expect(mayContact(ledger, 'sensitive_data', 'any')).toEqual({ allowed: false, reason: 'no_consent' });
  });

  it('currentStates lists the effective state of every decided channel', () => {
    const ledger = [fact('sms', 'granted', 1, 1), fact('any', 'withdrawn', 2, 2), fact('email', 'granted', 3, 3)];
    const states = currentStates(ledger).map((s) => `${s.channel}:${s.status}:${s.decidedByChannel}`);
    expect(states).toEqual(['email:granted:email', 'sms:withdrawn:any', 'wecom:withdrawn:any', 'push:withdrawn:any', 'any:withdrawn:any']);
  });
});

// Distinct ids, few distinct instants (so ties happen and the id tie-break is exercised).
const ledgerArb = fc
  .array(
    fc.record({
      purpose: fc.constantFrom(...CONSENT_PURPOSES),
      channel: fc.constantFrom(...CONSENT_CHANNELS),
      status: fc.constantFrom(...CONSENT_STATUSES),
      d: fc.integer({ min: 1, max: 6 }),
    }),
    { maxLength: 20 },
  )
  .map((items) => items.map((x, i): ConsentFact => ({ id: i + 1, purpose: x.purpose, channel: x.channel, status: x.status, occurredAt: day(x.d) })));
const purposeArb = fc.constantFrom(...CONSENT_PURPOSES);
const channelArb = fc.constantFrom(...CONSENT_CHANNELS);

describe('currentConsent (properties)', () => {
  it('the order of insertion does not matter given the timestamps and ids', () => {
    fc.assert(
      fc.property(ledgerArb.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }))), purposeArb, channelArb, ([ledger, shuffled], purpose, channel) => {
        expect(currentConsent(shuffled, purpose, channel)).toEqual(currentConsent(ledger, purpose, channel));
      }),
    );
  });

  it('a newer withdrawal for the channel (or for any) always denies', () => {
    fc.assert(
      fc.property(ledgerArb, purposeArb, channelArb, fc.boolean(), (ledger, purpose, channel, viaAny) => {
        const withdrawal: ConsentFact = { id: ledger.length + 1, purpose, channel: viaAny ? 'any' : channel, status: 'withdrawn', occurredAt: day(7) };
        expect(mayContact([...ledger, withdrawal], purpose, channel)).toEqual({ allowed: false, reason: 'withdrawn' });
      }),
    );
  });

  it('an any withdrawal newer than a channel grant denies that channel', () => {
    fc.assert(
      fc.property(ledgerArb, purposeArb, fc.constantFrom<ConsentChannel>('email', 'sms', 'wecom', 'push'), (ledger, purpose, channel) => {
        const grant: ConsentFact = { id: 100, purpose, channel, status: 'granted', occurredAt: day(7) };
        const withdrawal: ConsentFact = { id: 101, purpose, channel: 'any', status: 'withdrawn', occurredAt: day(8) };
        expect(mayContact([withdrawal, ...ledger, grant], purpose, channel).allowed).toBe(false);
      }),
    );
  });

  it('the decision is the newest relevant entry, and no entry means deny', () => {
    fc.assert(
      fc.property(ledgerArb, purposeArb, channelArb, (ledger, purpose, channel) => {
        const relevant = ledger.filter((e) => e.purpose === purpose && (e.channel === channel || e.channel === 'any'));
        const decision = mayContact(ledger, purpose, channel);
        const newest = [...relevant].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id)[0];
        expect(decision).toEqual(newest ? { allowed: newest.status === 'granted', reason: newest.status } : { allowed: false, reason: 'no_consent' });
      }),
    );
  });
});
