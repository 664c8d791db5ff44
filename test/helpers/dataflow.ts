import { defaultConfig } from '../../src/config/types.js';
import type { TaintFlow } from '../../src/dataflow/index.js';
import { scanVirtual } from '../../src/engine/scan.js';

/** The data flows the engine finds in a small project, as `kind: source -> sink @file:line` strings. */
export async function flowsOf(files: Record<string, string>): Promise<TaintFlow[]> {
  let flows: TaintFlow[] = [];
  await scanVirtual(files, { config: { ...defaultConfig(), experimental: true }, offline: true, onModel: (m) => (flows = m.flows) });
  return flows;
}

export function describeFlow(f: TaintFlow): string {
  return `${f.sink.kind}: ${f.source.label} -> ${f.sink.label} @${f.sink.file}:${f.sink.range.startLine}`;
}

export async function flowStrings(files: Record<string, string>): Promise<string[]> {
  return (await flowsOf(files)).map(describeFlow);
}
