import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceFile } from '../../model/types.js';

/** A step of a workflow job or a composite action, with the nodes rules point at. */
export interface WorkflowStep {
  node: YAMLMap;
  uses?: ScalarAt;
  run?: ScalarAt;
  /** `with:` inputs by name. */
  with: Map<string, ScalarAt>;
  env: Map<string, ScalarAt>;
}

export interface WorkflowJob {
  id: string;
  /** The job's key node, for locations. */
  key: Node;
  node: YAMLMap;
  /** `uses:` of a job that calls a reusable workflow. */
  uses?: ScalarAt;
  permissions?: Pair;
  env: Map<string, ScalarAt>;
  steps: WorkflowStep[];
}

/** A scalar's string value with its offsets in the file text (value start to value end). */
export interface ScalarAt {
  value: string;
  start: number;
  end: number;
}

export interface Workflow {
  file: SourceFile;
  /** `composite` for an `action.yml` whose steps run in the caller's workflow. */
  kind: 'workflow' | 'composite';
  /** Trigger names (`push`, `pull_request_target`…) and the `on` key for locations. */
  triggers: Set<string>;
  onKey?: Node;
  permissions?: Pair;
  env: Map<string, ScalarAt>;
  jobs: WorkflowJob[];
}

const WORKFLOW_PATH = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const ACTION_PATH = /(^|\/)action\.ya?ml$/i;

export function isWorkflowPath(path: string): boolean {
  return WORKFLOW_PATH.test(path);
}

const cache = new WeakMap<SourceFile, Workflow | null>();

/** The workflow or composite action a yaml file holds, read once per file; undefined for other yaml. */
export function workflowOf(file: SourceFile): Workflow | undefined {
  if (cache.has(file)) return cache.get(file) ?? undefined;
  const wf = file.yaml && !file.parseError ? read(file, file.yaml) : undefined;
  cache.set(file, wf ?? null);
  return wf;
}

function read(file: SourceFile, doc: Document): Workflow | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  if (WORKFLOW_PATH.test(file.path)) {
    const onPair = pairOf(root, 'on') ?? pairOf(root, 'true');
    const jobs = get(root, 'jobs');
    if (!isMap(jobs)) return undefined;
    return {
      file,
      kind: 'workflow',
      triggers: triggersOf(onPair?.value),
      onKey: (onPair?.key as Node | undefined) ?? undefined,
      permissions: pairOf(root, 'permissions'),
      env: scalarMap(get(root, 'env')),
      jobs: jobs.items.map((pair) => readJob(pair)).filter((j): j is WorkflowJob => !!j),
    };
  }
  if (ACTION_PATH.test(file.path)) {
    const runs = get(root, 'runs');
    if (!isMap(runs) || scalar(get(runs, 'using'))?.value !== 'composite') return undefined;
    const steps = get(runs, 'steps');
    const job: WorkflowJob = { id: 'runs', key: runs, node: runs, env: new Map(), steps: isSeq(steps) ? steps.items.filter(isMap).map(readStep) : [] };
    return { file, kind: 'composite', triggers: new Set(), env: new Map(), jobs: [job] };
  }
  return undefined;
}

function readJob(pair: Pair): WorkflowJob | undefined {
  const node = pair.value;
  if (!isMap(node) || !isScalar(pair.key)) return undefined;
  const steps = get(node, 'steps');
  return {
    id: String(pair.key.value),
    key: pair.key,
    node,
    uses: scalar(get(node, 'uses')),
    permissions: pairOf(node, 'permissions'),
    env: scalarMap(get(node, 'env')),
    steps: isSeq(steps) ? steps.items.filter(isMap).map(readStep) : [],
  };
}

function readStep(node: YAMLMap): WorkflowStep {
  return { node, uses: scalar(get(node, 'uses')), run: scalar(get(node, 'run')), with: scalarMap(get(node, 'with')), env: scalarMap(get(node, 'env')) };
}

function triggersOf(node: unknown): Set<string> {
  const out = new Set<string>();
  if (isScalar(node)) {
    out.add(String(node.value));
  } else if (isSeq(node)) {
    for (const item of node.items) if (isScalar(item)) out.add(String(item.value));
  } else if (isMap(node)) {
    for (const p of node.items) if (isScalar(p.key)) out.add(String(p.key.value));
  }
  return out;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function get(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value;
}

export function scalar(node: unknown): ScalarAt | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object' || !node.range) return undefined;
  return { value: String(node.value), start: node.range[0], end: node.range[1] };
}

function scalarMap(node: unknown): Map<string, ScalarAt> {
  const out = new Map<string, ScalarAt>();
  if (!isMap(node)) return out;
  for (const p of node.items) {
    const v = scalar(p.value);
    if (isScalar(p.key) && v) out.set(String(p.key.value), v);
  }
  return out;
}

/** Offsets of a node (start to value end), for `report({ offsets })`. */
export function offsetsOf(node: Node | ScalarAt): { start: number; end: number } {
  if ('value' in node && typeof (node as ScalarAt).start === 'number') return { start: (node as ScalarAt).start, end: (node as ScalarAt).end };
  const r = (node as Node).range!;
  return { start: r[0], end: r[1] };
}

/** `${{ … }}` expressions in the raw text of a scalar, with their offsets (the raw text keeps block scalars' lines). */
export function expressionsIn(file: SourceFile, at: ScalarAt): { expr: string; start: number; end: number }[] {
  const raw = file.text.slice(at.start, at.end);
  return [...raw.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ expr: m[1].trim(), start: at.start + m.index, end: at.start + m.index + m[0].length }));
}

/** `owner/repo[/path]@ref` of a `uses:` value; undefined for local (`./`) and `docker://` references. */
export function parseUses(uses: string): { owner: string; repo: string; path: string; ref?: string } | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)((?:\/[^@\s]*)?)(?:@(\S+))?$/.exec(uses.trim());
  if (!m) return undefined;
  return { owner: m[1], repo: m[2], path: m[3], ref: m[4] };
}

export const FULL_SHA = /^[0-9a-f]{40}$/i;

/** Every step of every job. */
export function* stepsOf(wf: Workflow): Generator<{ job: WorkflowJob; step: WorkflowStep; index: number }> {
  for (const job of wf.jobs) for (const [index, step] of job.steps.entries()) yield { job, step, index };
}
