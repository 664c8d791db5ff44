import { defineProjectRule } from '../../engine/rule.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/**
 * A payment confirmation that grants what the buyer's request says was bought (CWE-472, CWE-345): the payment
 * proves that an order was paid, not which plan or how many credits it was for, so the buyer pays for the
 * cheapest and claims the dearest.
 */
export const paymentGrantFromClient = defineProjectRule({
  id: 'payment-grant-from-client',
  messageIds: ['grant', 'orderPaid'],
  readsAnalysis: ['routes'],
  check(ctx) {
    reportRouteFacts(ctx, (route) => route.paymentGrant?.grant, (route, grant) => ({
      messageId: grant.order ? 'orderPaid' : 'grant',
      data: { route: routeLabel(route), field: grant.field, code: grant.text, source: grant.source },
      also: { at: route.paymentGrant!.proof, message: `the payment is proved here: ${route.paymentGrant!.proof.text}` },
    }));
  },
});
