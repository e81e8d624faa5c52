/** `d` as a `datetime-local` field's value, to the minute, in the computer's own time zone. */
export function localMinute(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
