// How figures look on the page, in the reader's locale: counts with thousands separators,
// money with two decimals. Money arrives as decimal strings ("1234.50") and is formatted
// digit for digit, never through a floating-point number.

const integers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const decimalSeparator =
  new Intl.NumberFormat(undefined).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";

// 1234567 -> "1,234,567"
export function count(value) {
  return value === null || value === undefined ? "–" : integers.format(value);
}

// Seconds as hours with one decimal, half a tenth rounded up: 5400 -> "1.5", 540 -> "0.2".
// Rounded in whole tenths first (seconds / 360 is exact at every half), so that no binary
// fraction decides the last digit.
export function hours(seconds) {
  return oneDecimal.format(Math.round(seconds / 360) / 10);
}

// "1234567.5" or "1234567.50" -> "1,234,567.50"; anything else is shown as it came.
export function money(decimal) {
  const parts = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(decimal));
  if (!parts) return String(decimal);
  const [, sign, whole, fraction = ""] = parts;
  return sign + integers.format(BigInt(whole)) + decimalSeparator + fraction.padEnd(2, "0");
}

// Axis labels: 12300 -> "12.3K".
export function short(value) {
  return compact.format(value);
}

// A run's duration: "850 ms", "12.3 s", "3 min 04 s", "1 h 02 min".
export function duration(ms) {
  if (ms === null || ms === undefined) return "–";
  if (ms < 1000) return `${integers.format(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
