import { POCKETBASE_FILTER, POSTGREST_FILTER } from '../../dataflow/sinks.js';
import { defineTaintRule } from './taint-rule.js';

/**
 * A PostgREST filter string (`.or(\`id.eq.${id}\`)`) or a PocketBase one (`getList(1, 20, { filter })`) is not SQL:
 * what a client adds there widens that one query's filter.
 */
const filterOf = (label: string) => (label.endsWith(POSTGREST_FILTER) ? 'filter' : label.endsWith(POCKETBASE_FILTER) ? 'pocketbaseFilter' : undefined);

export const sqlInjection = defineTaintRule({
  id: 'sql-injection',
  sink: 'sql',
  messageIds: ['request', 'message', 'llm', 'tool', 'filter', 'pocketbaseFilter'],
  variant: (flow) => (flow.source.kind !== 'llm' ? filterOf(flow.sink.label) : undefined),
  severity: (flow) => (filterOf(flow.sink.label) ? 'high' : undefined),
});
