import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
import { lineStartsOf } from '/work/main/dist/discover/read.js';
import { parseWithOxc } from '/work/main/dist/parse/oxc.js';
import { walk } from '/work/main/dist/rules/access-control/ast-helpers.js';
import { traverse } from '/work/main/dist/engine/traverse.js';
import { tuneV8ForScans } from '/work/main/dist/cli/v8-flags.js';
tuneV8ForScans();
const mode = process.argv[2];
const files = execSync(`find /tmp/va/syn1000/server -type f -name '*.ts'`, {encoding:'utf8'}).trim().split('\n');
const texts = files.map(f => [f, readFileSync(f, 'utf8')]);
const sym = Symbol('x');
for (let r = 0; r < 3; r++) for (const [f, text] of texts) {
  const file = { ast: parseWithOxc(text, 'ts', f, lineStartsOf(text)).ast };
  if (mode === 'walk') walk(file.ast, () => {});
  if (mode === 'memo') file.ast[sym] = { a: [], b: [] };
  if (mode === 'parent') { const st = [file.ast]; while (st.length) { const n = st.pop(); for (const k in n) { if (k === 'parent') continue; const v = n[k]; if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') { c.parent = n; st.push(c); } } else if (v && typeof v === 'object' && typeof v.type === 'string') { v.parent = n; st.push(v); } } } }
  if (mode === 'traverse') traverse(file.ast, {});
  file.ast = undefined;
  gc({ type: 'minor' });
}
