import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { runMain } from '../helpers/run-main.js';

const run = (args: string[]) => runMain(args, tmpdir());

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'vibeaudit-parser-'));
  mkdirSync(join(root, 'server'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'p', dependencies: { express: '4.19.2', pg: '8.12.0' } }));
  writeFileSync(join(root, 'server/app.ts'), "import express from 'express';\nconst app = express();\napp.get('/u', async (req, res) => {\n  const r = await pool.query(`select * from users where name = '${req.query.name}'`);\n  res.json(r.rows);\n});\n");
  writeFileSync(join(root, 'server/broken.ts'), 'export const a = 1;\nexport const b = ;\n');
  return root;
}

describe('choosing the JS/TS parser', () => {
  it('reads `parser` from the configuration and names the line of a wrong value', () => {
    expect(parseConfig('parser: typescript-estree\n', '.vibeaudit.yml', new Set()).parser).toBe('typescript-estree');
    expect(parseConfig('failOn: high\n', '.vibeaudit.yml', new Set()).parser).toBeUndefined();
    let err: unknown;
    try {
      parseConfig('failOn: high\nparser: babel\n', '.vibeaudit.yml', new Set());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).describe()).toBe('.vibeaudit.yml:2: parser: must be one of oxc, typescript-estree');
  });

  it('scans with either parser through --parser, with the same findings and a located parse error', async () => {
    const root = project();
    const outputs = [];
    for (const parser of ['oxc', 'typescript-estree']) {
      const r = await run(['scan', root, '--parser', parser, '--format', 'json', '--fail-on', 'none', '--offline']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      const findings = doc.findings.map((f: { ruleId: string; file: string; range: { startLine: number; startColumn: number } }) => `${f.ruleId} ${f.file}:${f.range.startLine}:${f.range.startColumn}`);
      expect(findings).toContain('sql-injection server/app.ts:4:19');
      const unparsed = doc.notifications.filter((n: { kind: string }) => n.kind === 'parse-error');
      expect(unparsed).toEqual([expect.objectContaining({ file: 'server/broken.ts', line: 2, column: 18 })]);
      outputs.push(findings);
    }
    expect(outputs[0]).toEqual(outputs[1]);
  });

  it('rejects an unknown parser on the command line with exit code 2', async () => {
    const r = await run(['scan', project(), '--parser', 'babel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'babel' is invalid");
  });
});
