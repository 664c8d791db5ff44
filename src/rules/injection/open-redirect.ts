import { defineTaintRule } from './taint-rule.js';

export const openRedirect = defineTaintRule({ id: 'open-redirect', sink: 'redirect', messageIds: ['request', 'browser'] });
