import { defineProjectRule } from '../../engine/rule.js';
import { lineRange, routeLabel, routeLocation } from './route-facts.js';

/**
 * A payment confirmation that grants what the buyer's request says was bought (CWE-472, CWE-345): the payment
 * proves that an order was paid, not which plan or how many credits it was for, so the buyer pays for the
 * cheapest and claims the dearest.
 */
export const paymentGrantFromClient = defineProjectRule({
  id: 'payment-grant-from-client',
  messageIds: ['grant', 'orderPaid'],
  check(ctx) {
    const reported = new Set<string>();
    for (const route of ctx.model.routes) {
      const paid = route.paymentGrant;
      if (!paid || route.trigger) continue;
      const { grant, proof } = paid;
      const file = ctx.model.fileByPath.get(grant.file);
      const routeFile = ctx.model.fileByPath.get(route.file);
      // One helper that grants, called from several routes, is one finding.
      const at = `${grant.file}:${grant.line}`;
      if (!file || !routeFile || reported.has(at)) continue;
      reported.add(at);
      const proofFile = ctx.model.fileByPath.get(proof.file);
      ctx.report(file, {
        messageId: grant.order ? 'orderPaid' : 'grant',
        data: { route: routeLabel(route), field: grant.field, code: grant.text, source: grant.source },
        range: lineRange(file, grant.line),
        symbol: `${route.method} ${route.path}`,
        related: [
          { file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\`` },
          ...(proofFile ? [{ file: proof.file, range: lineRange(proofFile, proof.line), message: `the payment is proved here: ${proof.text}` }] : []),
        ],
      });
    }
  },
});
