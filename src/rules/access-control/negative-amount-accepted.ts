import { defineProjectRule } from '../../engine/rule.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/**
 * A balance taken from by an amount the request chose, which nothing keeps above zero (CWE-1284, CWE-20): taking away
 * a negative amount adds it. A transfer of -500 raises the sender's balance and lowers the recipient's; a withdrawal of
 * -500 is a free deposit.
 */
export const negativeAmountAccepted = defineProjectRule({
  id: 'negative-amount-accepted',
  messageIds: ['debit', 'debitFactor'],
  readsAnalysis: ['routes'],
  check(ctx) {
    reportRouteFacts(ctx, (route) => route.clientDebit, (route, debit) => ({
      messageId: debit.factor ? 'debitFactor' : 'debit',
      data: { route: routeLabel(route), field: debit.field, code: debit.text, source: debit.source ?? debit.amount },
    }));
  },
});
