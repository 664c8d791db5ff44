import { defineTaintRule } from './taint-rule.js';

export const codeInjection = defineTaintRule({ id: 'code-injection', sink: 'code', messageIds: ['request', 'message', 'llm', 'browser', 'tool'] });
