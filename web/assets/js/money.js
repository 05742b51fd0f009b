// Totals of money columns, for the key figures of a page that lists several creators.
// The API gives each creator's amounts (computed in SQL); adding them up for display is
// done in whole cents with BigInt, so the total is exact, never a floating-point sum.
// No price, tier or rounding rule lives here.

function cents(decimal) {
  const parts = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(decimal));
  if (!parts) throw new Error(`not an amount of money: ${decimal}`);
  const value = BigInt(parts[2]) * 100n + BigInt((parts[3] ?? "").padEnd(2, "0"));
  return parts[1] ? -value : value;
}

// ["1.10", "2.25"] -> "3.35"
export function sumMoney(amounts) {
  let total = 0n;
  for (const amount of amounts) total += cents(amount);
  const sign = total < 0n ? "-" : "";
  const magnitude = total < 0n ? -total : total;
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, "0")}`;
}
