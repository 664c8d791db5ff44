import type { Severity } from '../../engine/finding.js';
import { defineProjectRule, type ProjectRule } from '../../engine/rule.js';
import type { SinkKind, TaintFlow } from '../../dataflow/index.js';
import type { ProjectModel } from '../../model/types.js';
import { fromServerSetField } from './server-set-fields.js';

export interface TaintRuleOptions<M extends string> {
  id: string;
  sink: SinkKind;
  /** One message per source kind the rule reports (the yaml's `messages` keys), and any variants. */
  messageIds: readonly M[];
  /** A message other than the source kind's for some flows (an open redirect that only `//host` gets through). */
  variant?(flow: TaintFlow): M | undefined;
  /** Flows the rule knows are handled elsewhere (a sanitising middleware the whole app uses). */
  skip?(flow: TaintFlow, model: ProjectModel): boolean;
  severity?(flow: TaintFlow): Severity | undefined;
}

/**
 * An injection rule is a question to the data-flow pass: which untrusted values reach sinks of one kind.
 * The rule says what the finding means; src/dataflow decides where data goes.
 */
export function defineTaintRule<const M extends string>(options: TaintRuleOptions<M>): ProjectRule<M> {
  const accepted = new Set<string>(options.messageIds);
  return defineProjectRule({
    id: options.id,
    messageIds: options.messageIds,
    readsAnalysis: ['dataflow'],
    check(ctx) {
      for (const flow of ctx.model.flows) {
        if (flow.sink.kind !== options.sink || !accepted.has(flow.source.kind)) continue;
        if (options.skip?.(flow, ctx.model) || fromServerSetField(flow, ctx.model)) continue;
        const file = ctx.model.fileByPath.get(flow.sink.file);
        if (!file) continue;
        const source = flow.steps[0];
        ctx.report(file, {
          messageId: options.variant?.(flow) ?? (flow.source.kind as M),
          data: {
            source: flow.source.label,
            sink: flow.sink.label,
            where: source.file === flow.sink.file ? `line ${source.range.startLine}` : `${source.file}:${source.range.startLine}`,
          },
          range: flow.sink.range,
          flow: flow.steps,
          symbol: flow.sink.symbol,
          confidence: flow.confidence,
          severity: options.severity?.(flow),
        });
      }
    },
  });
}
