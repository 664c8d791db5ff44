import { defineTaintRule } from './taint-rule.js';

export const commandInjection = defineTaintRule({ id: 'command-injection', sink: 'command', messageIds: ['request', 'message', 'llm', 'tool'] });
