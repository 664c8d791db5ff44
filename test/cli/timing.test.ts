import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const DEMO = 'fixtures/lovable-supabase';
const findings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings;

describe('vibeaudit scan --timing', () => {
  it('tells on stderr where the time went, by part and by rule, and reports exactly what a scan without it does', () => {
    const plain = runCli(['scan', DEMO, '--offline', '--no-cache', '--format', 'json']);
    const timed = runCli(['scan', DEMO, '--offline', '--no-cache', '--format', 'json', '--timing', '--threads', '4']);
    expect(plain.stderr).not.toContain('Where the time went');
    expect(timed.code).toBe(plain.code);
    expect(findings(timed.stdout)).toEqual(findings(plain.stdout));

    const [head, columns, ...lines] = timed.stderr.trimEnd().split('\n');
    expect(head).toMatch(/^Where the time went: \d+\.\d\d s measured of \d+\.\d\d s since start, on one thread$/);
    expect(columns).toMatch(/^ {2}part +ms +share$/);
    const rows = lines.map((l) => /^ {2}(.+?) +(\d+\.\d) +(\d+\.\d)%$/.exec(l));
    expect(rows.every(Boolean), timed.stderr).toBe(true);
    const parts = rows.map((m) => m![1]);
    for (const part of ['find files', 'read files', 'parse', 'parse SQL', 'data flow', 'report']) expect(parts, part).toContain(part);
    expect(parts.filter((p) => p.startsWith('rule ')).length).toBeGreaterThan(10);
    // Longest first (a last line may sum the parts not named), and the shares add up to the whole.
    const named = rows.filter((m) => !m![1].endsWith(' more parts')).map((m) => Number(m![2]));
    expect(named).toEqual([...named].sort((a, b) => b - a));
    const shares = rows.reduce((sum, m) => sum + Number(m![3]), 0);
    expect(Math.abs(shares - 100)).toBeLessThan(0.05 * rows.length + 0.1);
  });
});
