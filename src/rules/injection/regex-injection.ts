import { defineTaintRule } from './taint-rule.js';

export const regexInjection = defineTaintRule({ id: 'regex-injection', sink: 'regex', messageIds: ['request', 'message', 'tool'] });
