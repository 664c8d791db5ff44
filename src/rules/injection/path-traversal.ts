import { defineTaintRule } from './taint-rule.js';

export const pathTraversal = defineTaintRule({ id: 'path-traversal', sink: 'path', messageIds: ['request', 'message', 'archive', 'tool'] });
