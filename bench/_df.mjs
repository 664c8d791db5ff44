import { defaultConfig } from '../dist/config/types.js';
import { scanDirectory } from '../dist/engine/scan.js';
import { FileAnalysis } from '../dist/dataflow/interpreter.js';
import { tuneV8ForScans } from '../dist/cli/v8-flags.js';
tuneV8ForScans();
const counts = new Map(); let calls = 0; const files = new Set(); let time = 0; const byFile = new Map();
const orig = FileAnalysis.prototype.analyze;
let depth = 0;
FileAnalysis.prototype.analyze = function (info, seeds) {
  calls++; counts.set(info.key, (counts.get(info.key) ?? 0) + 1); files.add(info.key.split('#')[0]);
  const t0 = performance.now(); depth++;
  try { return orig.call(this, info, seeds); } finally { depth--; const dt = performance.now() - t0; if (depth === 0) { time += dt; const f = info.key.split('#')[0]; byFile.set(f, (byFile.get(f) ?? 0) + dt); } }
};
const origRun = FileAnalysis.prototype.run; let runs = 0;
FileAnalysis.prototype.run = function () { runs++; return origRun.call(this); };
await scanDirectory(process.argv[2], { config: defaultConfig(), offline: true });
const multi = [...counts.values()].filter((c) => c > 1);
console.log({ runs, calls, fns: counts.size, files: files.size, repeated: multi.length, extra: multi.reduce((a, c) => a + c - 1, 0), maxRepeat: Math.max(...counts.values()), analyseMs: time.toFixed(0) });
console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, t]) => `${t.toFixed(0)}ms ${f}`).join('\n'));
