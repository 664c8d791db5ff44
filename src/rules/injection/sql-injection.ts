import { POSTGREST_FILTER } from '../../dataflow/sinks.js';
import { defineTaintRule } from './taint-rule.js';

/** A PostgREST filter string (`.or(\`id.eq.${id}\`)`) is not SQL: what a client adds there widens that one query's filter. */
const isFilter = (label: string) => label.endsWith(POSTGREST_FILTER);

export const sqlInjection = defineTaintRule({
  id: 'sql-injection',
  sink: 'sql',
  messageIds: ['request', 'message', 'llm', 'filter'],
  variant: (flow) => (isFilter(flow.sink.label) && flow.source.kind !== 'llm' ? 'filter' : undefined),
  severity: (flow) => (isFilter(flow.sink.label) ? 'high' : undefined),
});
