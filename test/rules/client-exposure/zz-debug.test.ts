import { it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { readFileSync } from 'node:fs';

it('debug', async () => {
  const files = JSON.parse(readFileSync('/tmp/ce/case.json', 'utf8'));
  const r = await scanVirtual(files, { config: { ...defaultConfig(), experimental: true }, offline: true });
  for (const f of r.findings) console.log(`${f.ruleId} ${f.severity}/${f.confidence} ${f.file}:${f.range.startLine}:${f.range.startColumn} ${f.message}\n   | ${f.snippet}`);
  for (const n of r.notifications) console.log('NOTE', n.kind, n.message, n.file);
  for (const f of [] as string[]) console.log(f);
});
