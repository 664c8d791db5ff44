import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { SEVERITIES, type Severity } from '../engine/finding.js';
import { MAX_DATA_NESTING, yamlBeyond } from '../parse/data-nesting.js';
import { SCRIPT_PARSERS, type ScriptParser } from '../parse/types.js';
import { ConfigError, describeFsError } from './errors.js';
import { defaultConfig, type ResolvedConfig, type RuleSetting } from './types.js';

export const CONFIG_FILE_NAMES = ['.vibeaudit.yml', '.vibeaudit.yaml'];

const TOP_LEVEL_KEYS = ['include', 'exclude', 'rules', 'failOn', 'fail-on', 'maxFileSize', 'max-file-size', 'experimental', 'minPackageAgeDays', 'parser'] as const;

/**
 * Read `--config FILE`, or `.vibeaudit.yml` in the scanned folder, or nothing. Every mistake names the file,
 * line and key: a config that silently does nothing is worse than one that fails.
 */
export function loadConfig(root: string, explicit: string | undefined, knownRuleIds: ReadonlySet<string>): ResolvedConfig {
  let path = explicit;
  if (!path) path = CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (!path) return defaultConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the configuration file (${describeFsError(err)})`, explicit ?? displayName(path));
  }
  return parseConfig(text, explicit ?? displayName(path), knownRuleIds);
}

function displayName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parseConfig(text: string, file: string, knownRuleIds: ReadonlySet<string>): ResolvedConfig {
  const deep = yamlBeyond(text);
  if (deep) throw new ConfigError(`nested more than ${MAX_DATA_NESTING} levels deep`, file, deep.line);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | Pair | null | undefined): number | undefined => {
    const range = node && 'range' in node ? node.range : node && 'key' in node ? (node.key as Node)?.range : undefined;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigError(`invalid YAML: ${e.message.split('\n')[0]}`, file, lines.linePos(e.pos[0]).line);
  }
  const config = { ...defaultConfig(), source: file };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return config;
  if (!isMap(doc.contents)) throw new ConfigError('the configuration must be a mapping of keys to values', file, lineOf(doc.contents as Node));

  for (const pair of (doc.contents as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const line = lineOf(pair.key as Node);
    const fail = (message: string, at: Node | null | undefined = value, k = key): never => {
      throw new ConfigError(message, file, lineOf(at) ?? line, k);
    };
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      fail(`unknown key; expected one of ${TOP_LEVEL_KEYS.filter((k) => !k.includes('-')).join(', ')}`, pair.key as Node);
    }
    switch (key) {
      case 'include':
      case 'exclude':
        config[key] = stringList(value, (m, at) => fail(m, at));
        break;
      case 'failOn':
      case 'fail-on': {
        const v = isScalar(value) ? value.value : undefined;
        if (v !== 'none' && !SEVERITIES.includes(v as Severity)) fail(`must be one of ${SEVERITIES.join(', ')}, none`);
        config.failOn = v as Severity | 'none';
        break;
      }
      case 'maxFileSize':
      case 'max-file-size': {
        const v = isScalar(value) ? value.value : undefined;
        const bytes = parseSize(v);
        if (bytes === undefined) fail('must be a size such as 2000000, 500kb or 2mb');
        config.maxFileSize = bytes!;
        break;
      }
      case 'experimental': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v !== 'boolean') fail('must be true or false');
        config.experimental = v as boolean;
        break;
      }
      case 'parser': {
        const v = isScalar(value) ? value.value : undefined;
        if (!SCRIPT_PARSERS.includes(v as ScriptParser)) fail(`must be one of ${SCRIPT_PARSERS.join(', ')}`);
        config.parser = v as ScriptParser;
        break;
      }
      case 'minPackageAgeDays': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 3650) fail('must be a whole number of days from 0 to 3650 (0 turns the check off)');
        config.minPackageAgeDays = v as number;
        break;
      }
      case 'rules': {
        if (value === null) break;
        if (!isMap(value)) fail('must be a mapping of rule id to off, on, a severity, or { enabled, severity }');
        for (const rulePair of (value as YAMLMap).items) {
          const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          const k = `rules.${id}`;
          if (!knownRuleIds.has(id)) fail('unknown rule id (see `vibeaudit rules`)', rulePair.key as Node, k);
          config.rules[id] = ruleSetting(rulePair.value as Node | null, (m, at) => fail(m, at, k));
        }
        break;
      }
    }
  }
  return config;
}

function stringList(value: Node | null, fail: (message: string, at?: Node | null) => never): string[] {
  if (isScalar(value) && typeof value.value === 'string') return [value.value];
  if (!isSeq(value)) return fail('must be a list of glob patterns');
  return value.items.map((item) => {
    if (!isScalar(item) || typeof item.value !== 'string') return fail('every entry must be a glob pattern string', item as Node);
    return item.value;
  });
}

function ruleSetting(value: Node | null, fail: (message: string, at?: Node | null) => never): RuleSetting {
  if (isScalar(value)) {
    const v = value.value;
    if (v === 'off' || v === false) return { enabled: false };
    if (v === 'on' || v === true) return { enabled: true };
    if (SEVERITIES.includes(v as Severity)) return { enabled: true, severity: v as Severity };
    return fail(`must be off, on, or a severity (${SEVERITIES.join(', ')})`);
  }
  if (isMap(value)) {
    const setting: RuleSetting = { enabled: true };
    for (const p of value.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      const v = isScalar(p.value) ? p.value.value : undefined;
      if (k === 'enabled') {
        if (typeof v !== 'boolean') fail('enabled must be true or false', p.value as Node);
        setting.enabled = v as boolean;
      } else if (k === 'severity') {
        if (!SEVERITIES.includes(v as Severity)) fail(`severity must be one of ${SEVERITIES.join(', ')}`, p.value as Node);
        setting.severity = v as Severity;
      } else {
        fail(`unknown key "${k}"; expected enabled or severity`, p.key as Node);
      }
    }
    return setting;
  }
  return fail('must be off, on, a severity, or { enabled, severity }');
}

export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib)?$/i.exec(v.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const n = Math.floor(Number(m[1]) * factor);
  return n > 0 ? n : undefined;
}
