import { defineTaintRule } from './taint-rule.js';
import { filterSanitised } from './mongo-sanitising.js';

export const nosqlInjection = defineTaintRule({ id: 'nosql-injection', sink: 'nosql', messageIds: ['request', 'message', 'tool'], skip: filterSanitised });
