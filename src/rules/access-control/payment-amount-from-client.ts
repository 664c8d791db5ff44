import { defineProjectRule } from '../../engine/rule.js';
import { lineRange, routeLabel, routeLocation } from './route-facts.js';

/**
 * A route that asks a payment provider to charge an amount the buyer's request chose (CWE-472): a price sent by the
 * browser, or an amount sent beside the id of what is bought. The buyer edits the request and pays what they like.
 */
export const paymentAmountFromClient = defineProjectRule({
  id: 'payment-amount-from-client',
  messageIds: ['price', 'amount'],
  check(ctx) {
    const reported = new Set<string>();
    for (const route of ctx.model.routes) {
      const charged = route.clientAmount;
      if (!charged || route.trigger) continue;
      const file = ctx.model.fileByPath.get(charged.file);
      const routeFile = ctx.model.fileByPath.get(route.file);
      const at = `${charged.file}:${charged.line}`;
      if (!file || !routeFile || reported.has(at)) continue;
      reported.add(at);
      ctx.report(file, {
        messageId: charged.bought ? 'amount' : 'price',
        data: { route: routeLabel(route), call: charged.call, value: charged.text, source: charged.source, provider: charged.provider, bought: charged.bought ?? '' },
        range: lineRange(file, charged.line),
        symbol: `${route.method} ${route.path}`,
        related: [{ file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\`` }],
      });
    }
  },
});
