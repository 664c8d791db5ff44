// A worker thread of a scan (src/engine/threads.ts): builds the same project model from the texts the main
// thread read, analyses its share of the files, and sends back one record per file.
import { parentPort, workerData } from 'node:worker_threads';
import { ResultStore } from '../cache/results.js';
import { parseDatabaseFiles } from '../database/parse.js';
import type { SourceFile } from '../model/types.js';
import { parseFile } from '../parse/index.js';
import { ProjectAnalysis } from './analyse.js';
import { activeEntries, buildModel, loadFiles } from './scan.js';
import type { WorkerInput, WorkerMessage } from './threads.js';

const input = workerData as WorkerInput;
const parse = (f: SourceFile) => parseFile(f, input.config.parser);
const raw = input.files.map((f) => ({ ...f, read: () => Buffer.from(f.text, 'utf8') }));
const files = loadFiles(raw, [], () => {}, parse);
const sql = new Map(input.sql);
for (const f of files) {
  const parsed = sql.get(f.path);
  if (parsed) Object.assign(f, parsed);
}
await parseDatabaseFiles(files);
const model = buildModel(input.root, files);
const analysis = new ProjectAnalysis({ model, entries: activeEntries(input.config), parse, routes: input.routes, store: new ResultStore(), hashes: new Map(input.hashes), collect: true });
const share = new Set(input.share);
for (const f of files) if (!share.has(f.path)) analysis.foreign.add(f.path);
let done = 0;
for (const f of files) {
  if (!share.has(f.path)) continue;
  analysis.process(f);
  if (++done % 32 === 0) parentPort!.postMessage({ kind: 'progress', done } satisfies WorkerMessage);
}
parentPort!.postMessage({ kind: 'done', made: [...analysis.made] } satisfies WorkerMessage);
