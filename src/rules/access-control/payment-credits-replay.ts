import { defineProjectRule } from '../../engine/rule.js';
import { lineRange, routeLabel, routeLocation } from './route-facts.js';

/**
 * A route that adds to a stored balance (credits, tokens, a wallet) once a payment is proved, and keeps no record of
 * the payments it has handled (CWE-837): the buyer replays the confirmation, or the provider redelivers the event,
 * and the balance grows again for one payment.
 */
export const paymentCreditsReplay = defineProjectRule({
  id: 'payment-credits-replay',
  messageIds: ['confirm', 'webhook'],
  check(ctx) {
    const reported = new Set<string>();
    for (const route of ctx.model.routes) {
      const paid = route.paymentCredit;
      if (!paid || paid.record || route.trigger) continue;
      const file = ctx.model.fileByPath.get(paid.credit.file);
      const routeFile = ctx.model.fileByPath.get(route.file);
      // One helper that credits, called from several routes, is one finding.
      const at = `${paid.credit.file}:${paid.credit.line}`;
      if (!file || !routeFile || reported.has(at)) continue;
      reported.add(at);
      const proofFile = ctx.model.fileByPath.get(paid.proof.file);
      ctx.report(file, {
        messageId: paid.via,
        data: { route: routeLabel(route), field: paid.credit.field, code: paid.credit.text, proof: paid.proof.text },
        range: lineRange(file, paid.credit.line),
        symbol: `${route.method} ${route.path}`,
        severity: paid.via === 'confirm' ? 'high' : 'medium',
        related: [
          { file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\`` },
          ...(proofFile ? [{ file: paid.proof.file, range: lineRange(proofFile, paid.proof.line), message: `the payment is proved here: ${paid.proof.text}` }] : []),
        ],
      });
    }
  },
});
