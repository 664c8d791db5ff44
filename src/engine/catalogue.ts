import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvType } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { packageFile } from './package-files.js';
import type { Rule } from './rule.js';
import type { RuleDoc, RuleMeta } from './catalogue-types.js';

export const RULES_DIR = packageFile('rules/');

/** The catalogue is broken (a yaml without a rule, a rule without yaml, invalid metadata): a bug, exit 3. */
export class CatalogueError extends Error {}

export interface CatalogueEntry {
  meta: RuleMeta;
  rule: Rule;
}

/** Written by `npm run build` (scripts/build-catalogue.mjs): the rules' yaml, validated, as one JSON file, without examples. */
const BUILT_CATALOGUE = new URL('../catalogue.json', import.meta.url);

/**
 * Rule metadata: from the build's catalogue.json when running built code (reading 76 yaml files costs a
 * quarter of a second at every start), else from the yaml files, validated against rules/rule.schema.json.
 */
export function loadRuleMetas(dir = RULES_DIR): RuleMeta[] {
  if (dir === RULES_DIR) {
    try {
      return JSON.parse(readFileSync(BUILT_CATALOGUE, 'utf8')) as RuleMeta[];
    } catch {
      /* not built: read the yaml */
    }
  }
  return readRuleYaml(dir);
}

/** Every rules/*.yaml, validated, examples included; throws CatalogueError on invalid metadata. */
export function readRuleYaml(dir = RULES_DIR): RuleDoc[] {
  const schema = JSON.parse(readFileSync(`${dir}/rule.schema.json`, 'utf8'));
  // Required here only, so a start from the built catalogue does not load the validator.
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const metas: RuleDoc[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const data = parseYaml(readFileSync(`${dir}/${name}`, 'utf8'));
    if (!validate(data)) {
      const detail = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new CatalogueError(`rules/${name}: invalid rule metadata: ${detail}`);
    }
    const meta = data as unknown as RuleDoc;
    if (`${meta.id}.yaml` !== name) throw new CatalogueError(`rules/${name}: id "${meta.id}" does not match the file name`);
    metas.push({ ...meta, frameworks: meta.frameworks ?? [] });
  }
  return metas;
}

/** One rule's documentation with the examples the built catalogue leaves out, from its yaml (`vibeaudit explain`). */
export function readRuleDoc(meta: RuleMeta, dir = RULES_DIR): RuleDoc {
  if ('examples' in meta) return meta as RuleDoc;
  // The yaml was validated when the catalogue was built; a copy that cannot be read shows no examples.
  let examples: RuleDoc['examples'] | undefined;
  try {
    examples = (parseYaml(readFileSync(`${dir}/${meta.id}.yaml`, 'utf8')) as Partial<RuleDoc> | null)?.examples;
  } catch {
    /* shown without examples */
  }
  return { ...meta, examples: examples ?? { bad: [], good: [] } };
}

/** Pair each implementation with its metadata; refuse to start when either lacks the other. */
export function buildCatalogue(rules: readonly Rule[], metas: readonly RuleMeta[]): CatalogueEntry[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries: CatalogueEntry[] = [];
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push(`rule "${rule.id}" is registered twice`);
    seen.add(rule.id);
    const meta = byId.get(rule.id);
    if (!meta) {
      problems.push(`rule "${rule.id}" has no rules/${rule.id}.yaml`);
      continue;
    }
    const declared = Object.keys(meta.messages).sort().join(',');
    const used = [...rule.messageIds].sort().join(',');
    if (declared !== used) problems.push(`rule "${rule.id}": messages in yaml (${declared}) differ from the implementation (${used})`);
    entries.push({ meta, rule });
  }
  for (const meta of metas) if (!seen.has(meta.id)) problems.push(`rules/${meta.id}.yaml has no implementation`);
  if (problems.length) throw new CatalogueError(`The rule catalogue is inconsistent:\n- ${problems.join('\n- ')}`);
  return entries;
}

export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
