/**
 * The event time corrected for the client's clock: a device whose clock is off by Δ stamps both
 * `timestamp` and `sentAt` off by Δ, so `receivedAt − (sentAt − timestamp)` cancels it out
 * (Segment's rule). Without `sentAt` the timestamp is trusted; without a timestamp, receivedAt.
 *
 * @example correctTimestamp(new Date('2026-01-01T12:00:10Z'), new Date('2026-01-01T08:00:00Z'), new Date('2026-01-01T08:00:05Z'))
 * // → 2026-01-01T12:00:05Z (sent 5 s after it happened, received at 12:00:10 server time)
 */
export function correctTimestamp(receivedAt: Date, timestamp: Date | null, sentAt: Date | null): Date {
  if (!timestamp) return receivedAt;
  if (!sentAt) return timestamp;
  return new Date(receivedAt.getTime() - (sentAt.getTime() - timestamp.getTime()));
}
