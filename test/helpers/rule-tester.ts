import { describe, expect, it } from 'vitest';
import { defaultConfig, type ResolvedConfig } from '../../src/config/types.js';
import type { Finding } from '../../src/engine/finding.js';
import { scanVirtual } from '../../src/engine/scan.js';

/**
 * A strict rule tester in the manner of ESLint's RuleTester.
 * - `valid` cases must produce no finding of the rule.
 * - `invalid` cases must produce exactly the listed findings of the rule (messageId and line), in order.
 * - A case given twice fails the suite: a duplicate tests nothing new.
 * A case is a small project: file path (the role comes from it) to content. `code` + `filename` is shorthand.
 */
export interface ProjectCase {
  name?: string;
  files?: Record<string, string>;
  code?: string;
  filename?: string;
  config?: Partial<ResolvedConfig>;
  offline?: boolean;
}

export interface InvalidCase extends ProjectCase {
  errors: { messageId: string; line: number; file?: string; severity?: Finding['severity'] }[];
}

function filesOf(c: ProjectCase): Record<string, string> {
  if (c.files) return c.files;
  if (c.code !== undefined && c.filename) return { [c.filename]: c.code };
  throw new Error('A case needs `files` or `code` with `filename`.');
}

export async function findingsOf(ruleId: string, c: ProjectCase): Promise<Finding[]> {
  const config = { ...defaultConfig(), experimental: true, ...c.config };
  const result = await scanVirtual(filesOf(c), { config, offline: c.offline ?? true });
  return result.findings.filter((f) => f.ruleId === ruleId);
}

export function ruleTester(ruleId: string, cases: { valid: ProjectCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    const seen = new Set<string>();
    const label = (c: ProjectCase, i: number, kind: string) => c.name ?? `${kind} #${i + 1}: ${Object.keys(filesOf(c)).join(', ')}`;
    const checkDuplicate = (c: ProjectCase) => {
      const key = JSON.stringify([filesOf(c), c.config ?? {}]);
      if (seen.has(key)) throw new Error(`Duplicate test case for ${ruleId}: ${key.slice(0, 200)}`);
      seen.add(key);
    };
    cases.valid.forEach((c, i) => {
      it(`not flagged: ${label(c, i, 'valid')}`, async () => {
        checkDuplicate(c);
        const found = await findingsOf(ruleId, c);
        expect(found.map((f) => `${f.file}:${f.range.startLine} ${f.messageId}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`flagged: ${label(c, i, 'invalid')}`, async () => {
        checkDuplicate(c);
        expect(c.errors.length, 'an invalid case must list its findings').toBeGreaterThan(0);
        const found = await findingsOf(ruleId, c);
        const actual = found.map((f) => ({
          messageId: f.messageId,
          line: f.range.startLine,
          ...(c.errors.some((e) => e.file) ? { file: f.file } : {}),
          ...(c.errors.some((e) => e.severity) ? { severity: f.severity } : {}),
        }));
        expect(actual).toEqual(c.errors.map((e) => ({ ...e })));
      });
    });
  });
}
