/** How many parts `--timing` lists by name; the rest are summed on one line. */
const SHOWN = 25;

/**
 * The `--timing` table for stderr: each part's milliseconds and share of the measured time, the longest first,
 * with the wall time of the whole run for comparison (what no part covers: Node's start, loading vibeaudit).
 */
export function timingTable(rows: readonly [string, number][], wallMs: number): string {
  const measured = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const width = Math.max(4, ...rows.slice(0, SHOWN).map(([part]) => part.length));
  const line = (part: string, ms: number) => `  ${part.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${(measured ? (100 * ms) / measured : 0).toFixed(1).padStart(5)}%\n`;
  let out = `Where the time went: ${(measured / 1000).toFixed(2)} s measured of ${(wallMs / 1000).toFixed(2)} s since start, on one thread\n`;
  out += `  ${'part'.padEnd(width)}  ${'ms'.padStart(9)}  ${'share'.padStart(6)}\n`;
  for (const [part, ms] of rows.slice(0, SHOWN)) out += line(part, ms);
  const rest = rows.slice(SHOWN);
  if (rest.length) out += line(`${rest.length} more parts`, rest.reduce((sum, [, ms]) => sum + ms, 0));
  return out;
}
