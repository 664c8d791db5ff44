import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a process that scans (the CLI, the language server, the GitHub Action); set before the
 * first scan, never by the library itself, since they apply to the whole process.
 *
 * Allocation-site pretenuring: V8 learns that objects made at one place in the code live long and then
 * makes them straight in the old generation. The scan's per-file lists of AST nodes (a flattened function
 * body, a traversal stack) came to be made there early in a scan, and every young node they point to then
 * outlived the young-generation collections until the next full one. Without it, on the 10,000-file
 * synthetic app: scavenges 1.0 -> 0.5 s, scan 7.3 -> 6.6 s, peak RSS 455 -> 292 MB (bench/README.md, third round).
 */
export function tuneV8ForScans(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
