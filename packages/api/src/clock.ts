/**
 * The one source of "now" for time-dependent figures (overdue, upcoming, aging,
 * statuses). Tests pass a fixed clock; production uses the system time in UTC.
 */
export interface Clock {
  now(): Date;
  /** Today's date, `YYYY-MM-DD`, in UTC. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** A clock stopped at `date` (`YYYY-MM-DD` or a full ISO instant). */
export function fixedClock(date: string): Clock {
  const instant = new Date(date.length === 10 ? `${date}T12:00:00Z` : date);
  return { now: () => new Date(instant), today: () => instant.toISOString().slice(0, 10) };
}
