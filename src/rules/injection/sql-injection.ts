import { defineTaintRule } from './taint-rule.js';

export const sqlInjection = defineTaintRule({ id: 'sql-injection', sink: 'sql', messageIds: ['request', 'message', 'llm'] });
