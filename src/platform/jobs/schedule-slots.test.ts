import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Schedule, checkSchedule, currentSlotStart, slotKey } from './schedule-slots.js';

const daily = (dailyAt: string): Schedule => ({ name: 'nightly', jobName: 'n', dailyAt });
const every = (everyMs: number): Schedule => ({ name: 'often', jobName: 'o', everyMs });

/** Wall-clock 'HH:mm' of an instant in Asia/Shanghai, by the platform's time-zone database. */
function shanghaiTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

describe('currentSlotStart, daily in Asia/Shanghai', () => {
  it.each([
    // now (UTC)                  dailyAt  slot start (UTC)
    ['2026-03-01T18:30:00.000Z', '02:30', '2026-03-01T18:30:00.000Z'], // exactly 02:30 on 2 Mar in Shanghai
    ['2026-03-01T18:29:59.999Z', '02:30', '2026-02-28T18:30:00.000Z'], // a moment before: yesterday's slot
    ['2026-03-01T16:00:00.000Z', '00:00', '2026-03-01T16:00:00.000Z'], // local midnight is 16:00 UTC
    ['2026-03-01T15:59:00.000Z', '23:59', '2026-03-01T15:59:00.000Z'],
    ['2026-03-01T10:00:00.000Z', '09:00', '2026-03-01T01:00:00.000Z'], // 18:00 local, slot 09:00 local
    ['2026-01-01T00:00:00.000Z', '08:00', '2026-01-01T00:00:00.000Z'],
  ])('at %s, %s fires at %s', (now, dailyAt, expected) => {
    expect(currentSlotStart(daily(dailyAt), new Date(now)).toISOString()).toBe(expected);
  });

  it('is the latest instant ≤ now showing HH:mm on a Shanghai clock', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(hhmm, instant, (at, now) => {
        const slot = currentSlotStart(daily(at), new Date(now)).getTime();
        return slot <= now && now < slot + 86_400_000 && shanghaiTime(new Date(slot)) === at && slot % 60_000 === 0;
      }),
    );
  });
});

describe('currentSlotStart, every N ms', () => {
  it.each([
    ['2026-03-01T10:07:30.000Z', 60_000, '2026-03-01T10:07:00.000Z'],
    ['2026-03-01T10:07:00.000Z', 3_600_000, '2026-03-01T10:00:00.000Z'],
    ['1969-12-31T23:59:59.500Z', 1_000, '1969-12-31T23:59:59.000Z'],
  ])('at %s every %i ms starts at %s', (now, everyMs, expected) => {
    expect(currentSlotStart(every(everyMs), new Date(now)).toISOString()).toBe(expected);
  });

  it('gives the same slot to every instant of the slot, aligned to the epoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 86_400_000 }), fc.integer({ min: 0, max: 4e12 }), (everyMs, now) => {
        const slot = currentSlotStart(every(everyMs), new Date(now)).getTime();
        return slot <= now && now < slot + everyMs && slot % everyMs === 0;
      }),
    );
  });
});

describe('checkSchedule and slotKey', () => {
  it.each(['24:00', '7:30', '07:60', '0730', ''])('rejects dailyAt %j', (dailyAt) => {
    expect(() => checkSchedule(daily(dailyAt))).toThrow(RangeError);
  });

  it('rejects sub-second or fractional intervals and empty names', () => {
    expect(() => checkSchedule(every(999))).toThrow(/everyMs/);
    expect(() => checkSchedule(every(1500.5))).toThrow(/everyMs/);
    expect(() => checkSchedule({ name: '', jobName: 'x', everyMs: 1000 })).toThrow(/name/);
    expect(() => checkSchedule({ name: 'x', jobName: '', everyMs: 1000 })).toThrow(/jobName/);
    expect(() => checkSchedule({ name: 'x', jobName: 'y', everyMs: 1000, maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it('names the slot by schedule and start', () => {
    expect(slotKey(daily('02:30'), new Date('2026-03-01T18:30:00Z'))).toBe('schedule:nightly:2026-03-01T18:30:00.000Z');
  });
});
