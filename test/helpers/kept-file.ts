import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { crc32 } from 'node:zlib';

/**
 * What a kept-results file written by another build (the bundle) holds, read without asking whether this build
 * may use it: its header (a line naming the format, a CRC-32 of the rest, the payload's length; src/cache/disk.ts)
 * checked, then which build wrote it and how many file records it keeps.
 */
export function readKeptFile(file: string): { build: string; records: number } {
  const bytes = readFileSync(file);
  const magicEnd = bytes.indexOf(0x0a) + 1;
  expectTrue(bytes.subarray(0, magicEnd).toString().startsWith('vibeaudit scan cache '), 'not a kept-results file');
  expectTrue(bytes.readUInt32BE(magicEnd) === crc32(bytes.subarray(magicEnd + 4)), 'CRC-32 does not match');
  const payload = deserialize(bytes.subarray(magicEnd + 8, magicEnd + 8 + bytes.readUInt32BE(magicEnd + 4))) as { build: string; records: Map<string, unknown> };
  return { build: payload.build, records: payload.records.size };
}

function expectTrue(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}
