/**
 * A recurring schedule: every `everyMs` (slots aligned to the Unix epoch, so every process computes
 * the same slots), or daily at `dailyAt` ('HH:mm', Asia/Shanghai wall-clock time).
 *
 * @example { name: 'rfm.nightly', dailyAt: '02:30', jobName: 'analytics.rfm' }
 * @example { name: 'journeys.wake', everyMs: 60_000, jobName: 'journeys.wake-due', payload: {} }
 */
export type Schedule = ScheduleTarget & ({ everyMs: number; dailyAt?: never } | { dailyAt: string; everyMs?: never });

interface ScheduleTarget {
  /** Stable name: it is part of each slot's unique key, so renaming a schedule fires it again. */
  name: string;
  jobName: string;
  payload?: unknown;
  maxAttempts?: number;
}

const DAY_MS = 86_400_000;
/**
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact
 * for any date Relata will see and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAILY_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Throws a RangeError naming the schedule when it cannot be run. */
export function checkSchedule(schedule: Schedule): void {
  if (schedule.name.length === 0) throw new RangeError('schedule name must not be empty');
  if (schedule.jobName.length === 0) throw new RangeError(`schedule ${schedule.name}: jobName must not be empty`);
  const max = schedule.maxAttempts;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`schedule ${schedule.name}: maxAttempts must be a positive integer`);
  }
  if (schedule.everyMs !== undefined) {
    if (!Number.isInteger(schedule.everyMs) || schedule.everyMs < 1000) {
      throw new RangeError(`schedule ${schedule.name}: everyMs must be an integer ≥ 1000`);
    }
  } else if (!DAILY_TIME.test(schedule.dailyAt ?? '')) {
    throw new RangeError(`schedule ${schedule.name}: dailyAt must be 'HH:mm' (00:00–23:59)`);
  }
}

/**
 * The start of the slot that contains `now`: the latest instant ≤ now at which the schedule fires.
 * The scheduler enqueues that slot once; slots missed while no leader ran are not replayed, only
 * the latest one is (a catch-up run when a leader comes back).
 */
export function currentSlotStart(schedule: Schedule, now: Date): Date {
  const at = now.getTime();
  if (schedule.everyMs !== undefined) return new Date(at - mod(at, schedule.everyMs));
  const match = DAILY_TIME.exec(schedule.dailyAt ?? '');
  if (!match) throw new RangeError(`schedule ${schedule.name}: dailyAt must be 'HH:mm'`);
  const timeOfDayMs = (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const localNow = at + SHANGHAI_OFFSET_MS;
  const todaysSlot = localNow - mod(localNow, DAY_MS) + timeOfDayMs - SHANGHAI_OFFSET_MS;
  return new Date(todaysSlot <= at ? todaysSlot : todaysSlot - DAY_MS);
}

/** The unique key of one firing: `schedule:<name>:<slot start ISO>`. */
export function slotKey(schedule: Schedule, slotStart: Date): string {
  return `schedule:${schedule.name}:${slotStart.toISOString()}`;
}

/** Modulo that is never negative, so instants before 1970 land in the right slot too. */
function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
