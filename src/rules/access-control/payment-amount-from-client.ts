import { defineProjectRule } from '../../engine/rule.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/**
 * A route that asks a payment provider to charge an amount the buyer's request chose (CWE-472): a price sent by the
 * browser, or an amount sent beside the id of what is bought. The buyer edits the request and pays what they like.
 */
export const paymentAmountFromClient = defineProjectRule({
  id: 'payment-amount-from-client',
  messageIds: ['price', 'amount', 'wholeRequest'],
  readsAnalysis: ['routes'],
  check(ctx) {
    reportRouteFacts(ctx, (route) => route.clientAmount, (route, charged) => ({
      messageId: charged.whole ? 'wholeRequest' : charged.bought ? 'amount' : 'price',
      data: { route: routeLabel(route), call: charged.call, value: charged.text, source: charged.source, provider: charged.provider, bought: charged.bought ?? '' },
    }));
  },
});
