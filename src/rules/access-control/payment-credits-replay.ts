import { defineProjectRule } from '../../engine/rule.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/**
 * A route that adds to a stored balance (credits, tokens, a wallet) once a payment is proved, and keeps no record of
 * the payments it has handled (CWE-837): the buyer replays the confirmation, or the provider redelivers the event,
 * and the balance grows again for one payment.
 */
export const paymentCreditsReplay = defineProjectRule({
  id: 'payment-credits-replay',
  messageIds: ['confirm', 'webhook'],
  readsAnalysis: ['routes'],
  check(ctx) {
    reportRouteFacts(
      ctx,
      (route) => (route.paymentCredit && !route.paymentCredit.record ? route.paymentCredit.credit : undefined),
      (route, credit) => {
        const paid = route.paymentCredit!;
        return {
          messageId: paid.via,
          data: { route: routeLabel(route), field: credit.field, code: credit.text, proof: paid.proof.text },
          severity: paid.via === 'confirm' ? 'high' : 'medium',
          also: { at: paid.proof, message: `the payment is proved here: ${paid.proof.text}` },
        };
      },
    );
  },
});
