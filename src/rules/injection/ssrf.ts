import { defineTaintRule } from './taint-rule.js';

export const ssrf = defineTaintRule({ id: 'ssrf', sink: 'ssrf', messageIds: ['request', 'message', 'tool'] });
