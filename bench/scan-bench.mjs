// Scan benchmark: generates a synthetic project of realistic files and measures a full scan.
// Usage: npm run bench [-- --files 2000 --target path/to/real/repo]
// Targets (checked and printed, not asserted in tests): >= 150 files/s on one core; peak RSS < 1.5 GB;
// the data-flow pass (injection rules) adds at most 50% to a scan without it.
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../dist/config/types.js';
import { catalogue, scanDirectory } from '../dist/engine/scan.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const fileCount = Number(opt('files', 2000));
let target = opt('target');
let generated;

if (!target) {
  generated = mkdtempSync(join(tmpdir(), 'vibeaudit-bench-'));
  target = generated;
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'bench', dependencies: { express: '^4.18.2', react: '^18.2.0', vite: '^5.0.0' } }));
  for (let i = 0; i < fileCount; i++) {
    const dir = join(target, i % 2 ? 'src/components' : 'server/routes', `group${i % 40}`);
    mkdirSync(dir, { recursive: true });
    const body = i % 2
      ? `import { useState } from 'react';\nexport function Widget${i}({ items }: { items: string[] }) {\n  const [open, setOpen] = useState(false);\n  const url = import.meta.env.VITE_API_URL + '/items/${i}';\n  return (<ul onClick={() => setOpen(!open)}>{items.map((x) => <li key={x}>{x}</li>)}</ul>);\n}\n`.repeat(4)
      : `import express from 'express';\nimport { findItems } from '../group${(i + 2) % 40}/file${(i + 2) % fileCount}';\nconst router = express.Router();\nexport function query${i}(filter: string) {\n  return db.query('select * from items where name = ' + filter);\n}\nrouter.get('/items/${i}', async (req, res) => {\n  const token = process.env.API_TOKEN;\n  const { sort, name } = req.query;\n  const rows = await db.query('select * from items where id = $1', [req.params.id]);\n  const more = await findItems(String(name), Number(sort));\n  const named = await query${i}(String(name));\n  res.json({ rows, more, named, ok: Boolean(token) });\n});\nexport default router;\n`.repeat(4);
    writeFileSync(join(dir, `file${i}.${i % 2 ? 'tsx' : 'ts'}`), body);
  }
}

// Without the data-flow pass: every injection rule that reads it switched off.
const withoutDataflow = defaultConfig();
for (const { meta, rule } of catalogue()) if (meta.family === 'injection' && rule.kind === 'project') withoutDataflow.rules[meta.id] = { enabled: false };
await scanDirectory(target, { config: defaultConfig(), offline: true }); // warm-up: JIT and file cache
const timed = async (config) => {
  const start = performance.now();
  const result = await scanDirectory(target, { config, offline: true });
  return { result, seconds: (performance.now() - start) / 1000 };
};
const base = await timed(withoutDataflow);
const { result, seconds } = await timed(defaultConfig());
const rssMb = process.resourceUsage().maxRSS / 1024;
const perSecond = result.stats.files / seconds;
const perFile = (s) => ((s * 1000) / result.stats.files).toFixed(2);
const overhead = seconds / base.seconds - 1;

console.log(`files scanned:   ${result.stats.files} (${result.stats.parsed} parsed)`);
console.log(`findings:        ${result.findings.length}`);
console.log(`wall time:       ${seconds.toFixed(2)} s   (${perFile(seconds)} ms/file; without data flow ${base.seconds.toFixed(2)} s, ${perFile(base.seconds)} ms/file)`);
console.log(`data-flow cost:  ${(overhead * 100).toFixed(0)}%   (target <= 50%)  ${overhead <= 0.5 ? 'OK' : 'ABOVE TARGET'}   flows: ${result.findings.filter((f) => f.flow).length}`);
console.log(`throughput:      ${perSecond.toFixed(0)} files/s   (target >= 150)  ${perSecond >= 150 ? 'OK' : 'BELOW TARGET'}`);
console.log(`peak RSS:        ${rssMb.toFixed(0)} MB   (target < 1536)  ${rssMb < 1536 ? 'OK' : 'ABOVE TARGET'}`);
if (generated) rmSync(generated, { recursive: true, force: true });
