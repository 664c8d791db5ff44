import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a process that scans (the CLI, the language server, the GitHub Action); set before the
 * first scan, never by the library itself, since they apply to the whole process.
 *
 * Allocation-site pretenuring: once V8 sees that objects made at one place in the code tend to live long, it
 * makes them straight in the old generation. In a scan that happens to places making short-lived per-file
 * objects (`--trace-pretenuring-statistics` shows sites tenured mid-scan), and a young AST node such an object
 * points to then outlives every young-generation collection until the next full one. Without it, on the
 * 10,000-file synthetic app: scavenges 1.0 -> 0.5 s, memory promoted 266 -> 107 MB, scan 7.3 -> 6.6 s, peak
 * RSS 455 -> 292 MB (bench/README.md, third round).
 *
 * WebAssembly on its baseline compiler only (Liftoff, without tiering up to TurboFan): the Postgres parser
 * (1.7 MB of WASM) parses a project's migrations once, too briefly for optimised code to repay compiling it.
 * The first 100 migrations (500 statements) took 115-125 ms with tiering and 52 ms without; 1,200 took 515 ms
 * and 555 ms. Whole scans: 100-file app 711 -> 620 ms, 1,000-file app 1,648 -> 1,600 ms (medians of 5,
 * bench/README.md, tenth round).
 *
 * Regular expressions that backtrack too long move to V8's linear-time engine: hundreds of patterns run over
 * scanned text, some built from it, and a pattern the linear engine can run (no lookaround, no backreference) then
 * cannot stall a scan on a crafted file: `/^(a+)+$/` on 40 letters, or a backtracking glob on a long folder name,
 * end in milliseconds instead of minutes. Below V8's threshold (50,000 backtracks) nothing changes.
 *
 * Functions are optimised once they have run three times as long as V8's default asks (its interrupt budget): a
 * scan is one pass, and with the default TurboFan compiled 193 functions in 1.7 s during a 1.2 s scan of the
 * 1,000-file app, on the core the scan shares with the garbage collector, for a pass nearly over when the code was
 * ready; now 113 in 0.58 s.
 * Three runs of each build, medians: 1,000-file app 1.23 -> 1.14 s (1.85 -> 1.50 CPU s), ghost 1.90 -> 1.76 s,
 * parse-server 1.35 -> 1.24 s, 100-file app 0.47 -> 0.36 s; 10,000 files and the language server's edits the
 * same within noise (bench/README.md, twenty-third round).
 */
export function tuneV8ForScans(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  setFlagsFromString(`--interrupt-budget=${3 * 66 * 1024}`);
}
