// Dates of the page's controls: ISO "YYYY-MM-DD" strings, computed in UTC so that no time
// zone moves a day. The period's first and last day come from the API (from/to); this
// only steps the chosen date and lists the days of a span.

export const PERIODS = ["day", "week", "month", "year"];

export function isIsoDate(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function toIso(date) {
  return date.toISOString().slice(0, 10);
}

// Yesterday on the reader's calendar: the last day a nightly run may have settled.
export function yesterday(now = new Date()) {
  const local = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  local.setUTCDate(local.getUTCDate() - 1);
  return toIso(local);
}

export function today(now = new Date()) {
  return toIso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

// The date `steps` periods later (earlier when negative); the 31st steps to a shorter
// month's last day.
export function step(period, iso, steps) {
  const date = new Date(`${iso}T00:00:00Z`);
  if (period === "day") date.setUTCDate(date.getUTCDate() + steps);
  else if (period === "week") date.setUTCDate(date.getUTCDate() + 7 * steps);
  else {
    const months = period === "month" ? steps : 12 * steps;
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, last));
  }
  return toIso(date);
}

// ["2026-03-01", ..., "2026-03-31"]
export function daysOf(from, to) {
  const days = [];
  for (let d = new Date(`${from}T00:00:00Z`); toIso(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(toIso(d));
  return days;
}
