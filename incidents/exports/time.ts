import { ExportOptionError } from './errors.js';

/** A moment in UTC and in the reader's time zone, as every export shows it. */
export interface ZonedTime {
  utc: string;
  /** ISO 8601 wall time with offset in the chosen zone, e.g. `2026-11-20T03:14:07+01:00`. */
  local: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Checks an IANA time zone name (`Europe/Berlin`, `UTC`); the error says what was given. */
export function assertTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz;
  } catch (error) {
    throw new ExportOptionError('--tz', `"${tz}" is not an IANA time zone (e.g. UTC, Europe/Berlin)`, { cause: error });
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: assertTimeZone(tz),
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall time of an instant in a zone, ISO 8601 with its offset. */
export function localIso(iso: string, tz: string): string {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** An instant in UTC and in `tz`. */
export function zoned(iso: string, tz: string): ZonedTime {
  return { utc: new Date(iso).toISOString(), local: localIso(iso, tz) };
}

/** The calendar day (`yyyy-mm-dd`) of an instant in `tz`. */
export function localDay(iso: string, tz: string): string {
  return localIso(iso, tz).slice(0, 10);
}

/** Short human form for tables: `2026-11-20 03:14:07 +01:00`. */
export function shortLocal(iso: string, tz: string): string {
  const l = localIso(iso, tz);
  return `${l.slice(0, 10)} ${l.slice(11, 19)} ${l.slice(19)}`;
}
