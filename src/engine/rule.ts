import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Language, Role } from '../classify/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { RegistrySettings } from '../registry/settings.js';
import { usesFramework } from '../model/package-facts.js';
import type { AnalysisPart } from '../cache/reads.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import type { Confidence, FlowStep, Notification, Range, RelatedLocation, Severity } from './finding.js';

type NodeOfType<T extends TSESTree.Node['type']> = Extract<TSESTree.Node, { type: T }>;

/** Visitors for the one shared traversal, as ESLint's: `{ CallExpression(node) {…}, 'Program:exit'() {…} }`. */
export type Listeners = {
  [T in TSESTree.Node['type']]?: (node: NodeOfType<T>) => void;
} & {
  [T in TSESTree.Node['type'] as `${T}:exit`]?: (node: NodeOfType<T>) => void;
};

export interface AppliesTo {
  roles?: readonly Role[];
  languages?: readonly Language[];
  /** At least one of these frameworks is enabled in the file's package. */
  frameworks?: readonly string[];
}

export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Where: an AST node, a 1-based range, or character offsets into the file text. */
  node?: AstNode;
  range?: Range;
  offsets?: { start: number; end: number };
  /** Secret values to redact from the snippet and message before the finding exists. */
  secrets?: string[];
  /** Per-finding overrides of the rule's metadata (e.g. a dev dependency weighs less). */
  severity?: Severity;
  confidence?: Confidence;
  related?: RelatedLocation[];
  /** Data-flow path from source to sink (the finding's own location is the sink). */
  flow?: FlowStep[];
  /** Enclosing function or variable, when the AST is gone by the time the finding is reported. */
  symbol?: string;
}

export interface FileContext<M extends string> {
  file: SourceFile;
  model: ProjectModel;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface ProjectContext<M extends string> {
  model: ProjectModel;
  /** Report against a file of the project (by path); offline means no network checks may run. */
  report(file: SourceFile, descriptor: ReportDescriptor<M>): void;
  /**
   * A rule whose findings depend on anything besides the project and configuration (the registry, the clock)
   * must read `offline` or `registry`: what rules that read neither report is kept for rescans of the same files.
   */
  offline: boolean;
  config: ResolvedConfig;
  /** A tool problem to show beside the findings (a registry that did not answer), never a finding. */
  notify(notification: Notification): void;
  /** Where registry checks send their requests; tests point it at a local server. */
  registry?: RegistrySettings;
}

interface RuleBase<M extends string> {
  id: string;
  /** Must equal the keys of `messages` in rules/<id>.yaml (checked when the catalogue loads). */
  messageIds: readonly M[];
  appliesTo?: AppliesTo;
}

export interface AstRule<M extends string = string> extends RuleBase<M> {
  kind: 'ast';
  /**
   * Prefilter: the rule can only report in a file whose text contains at least one of these strings (case
   * sensitive) or matches one of these patterns (for words the rule matches in any case), so files without any
   * are skipped before the rule's listeners join the traversal. Each must be a necessary condition of every
   * finding the rule can make, never a guess. Omit to run on every file. A rule whose every finding is read from
   * one function's text may also skip functions without any (`hasTrigger` on that text).
   */
  triggers?: readonly (string | RegExp)[];
  create(ctx: FileContext<M>): Listeners;
  /**
   * Optional: the same check on files that have no AST (json, yaml, env, Dockerfile…), for rules whose defect
   * also appears in configuration files. Runs once per such file the rule applies to.
   */
  checkWithoutAst?(ctx: FileContext<M>): void;
}

export interface TextRule<M extends string = string> extends RuleBase<M> {
  kind: 'text';
  check(ctx: FileContext<M>): void;
}

export interface ProjectRule<M extends string = string> extends RuleBase<M> {
  kind: 'project';
  check(ctx: ProjectContext<M>): void | Promise<void>;
  /**
   * The parts of what the analysis of the scripts gave the project that the rule reads: the linked routes, the
   * data flows and import graph. Such rules run after the others, so that an edit changing those parts leaves the
   * others' kept results standing (src/engine/project-rules.ts). An order only: what a rule reads is logged as it runs.
   */
  readsAnalysis?: readonly AnalysisPart[];
}

export type Rule = AstRule<string> | TextRule<string> | ProjectRule<string>;

export function defineAstRule<const M extends string>(rule: Omit<AstRule<M>, 'kind'>): AstRule<M> {
  return { kind: 'ast', ...rule };
}
export function defineTextRule<const M extends string>(rule: Omit<TextRule<M>, 'kind'>): TextRule<M> {
  return { kind: 'text', ...rule };
}
export function defineProjectRule<const M extends string>(rule: Omit<ProjectRule<M>, 'kind'>): ProjectRule<M> {
  return { kind: 'project', ...rule };
}

/** Whether `text` holds one of the rule's triggers (always, for a rule without them). */
export function hasTrigger(rule: Pick<AstRule, 'triggers'>, text: string): boolean {
  return !rule.triggers || rule.triggers.some((t) => (typeof t === 'string' ? text.includes(t) : t.test(text)));
}

/** The rule runs on this file: its role, language and frameworks match, and (parsed code) a trigger occurs in it. */
export function ruleApplies(rule: Rule, file: SourceFile, model: ProjectModel, triggered: (rule: AstRule) => boolean = (r) => hasTrigger(r, file.text)): boolean {
  const a = rule.appliesTo;
  if (a?.roles && !a.roles.includes(file.role)) return false;
  if (a?.languages && !a.languages.includes(file.language)) return false;
  if (rule.kind === 'ast' && file.ast && !triggered(rule)) return false;
  // Asked last, and one framework at a time: a file none of the rule's triggers occur in does not depend on it.
  if (a?.frameworks && !a.frameworks.some((f) => usesFramework(file, model, f))) return false;
  return true;
}
