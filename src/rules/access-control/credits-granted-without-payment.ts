import { defineProjectRule } from '../../engine/rule.js';
import type { RouteEntry } from '../../routes/types.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/** Who can call the route: a route behind a sign-in check, or a public one (and every server action's caller). */
function caller(route: RouteEntry): string {
  return route.auth === 'required' ? 'any signed-in user' : 'anyone';
}

/** Where the request said it: `req.body.planId`, or a server action's argument. */
function sourceOf(route: RouteEntry, source: string): string {
  const argument = route.method === 'ACTION' ? /^input\.([\w$]+)$/.exec(source) : null;
  return argument ? `the server action's argument \`${argument[1]}\`` : `\`${source}\``;
}

/**
 * Credits or a plan granted as the request says by a route that neither takes nor checks a payment (CWE-602,
 * CWE-472): a "buy" button that only adds the credits, or a server action the client passes the amount to. Any
 * caller sends the request themselves, with the count or plan they like.
 */
export const creditsGrantedWithoutPayment = defineProjectRule({
  id: 'credits-granted-without-payment',
  messageIds: ['grant', 'free', 'orderPaid'],
  readsAnalysis: ['routes'],
  check(ctx) {
    reportRouteFacts(ctx, (route) => route.unpaidGrant, (route, grant) => ({
      messageId: grant.order ? 'orderPaid' : grant.free ? 'free' : 'grant',
      data: { route: routeLabel(route), field: grant.field, code: grant.text, source: sourceOf(route, grant.source), caller: caller(route) },
    }));
  },
});
