import { defineProjectRule } from '../../engine/rule.js';
import { isSignInRoute } from '../../routes/public.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';
import type { Evidence } from '../../routes/types.js';

type RouteReport = { messageId: 'byName' | 'claimsFromRequest' | 'fixedAccount'; data: Record<string, string>; also?: { at: Evidence; message: string } };

/**
 * A route that finds a user by who the request says they are (an e-mail, a user name) and signs them in without
 * checking anything they would need to hold: no password, no provider ID token, no one-time code or link (CWE-287).
 * Typical of AI-built "Sign in with Google" endpoints that post the e-mail the browser got from Google.
 */
export const loginWithoutCredentialCheck = defineProjectRule({
  id: 'login-without-credential-check',
  messageIds: ['byName', 'claimsFromRequest', 'fixedAccount'],
  readsAnalysis: ['routes'],
  check(ctx) {
    // (A role in the sign-in's own lookup, `where: { name, role: 'ADMIN' }`, checks nothing the caller holds.)
    reportRouteFacts(ctx, (route) => (route.roleCheck && !isSignInRoute(route.path) ? undefined : route.signInByName), (route, signIn): RouteReport => {
      // A development or demo account anyone can sign in as.
      if (signIn.fixed) return { messageId: 'fixedAccount', data: { route: routeLabel(route), key: signIn.key, issue: signIn.text } };
      // A token made of what the request claims, with no user looked up.
      if (signIn.claims) return { messageId: 'claimsFromRequest', data: { route: routeLabel(route), key: signIn.key === 'the whole body' ? signIn.key : `\`${signIn.key}\``, issue: signIn.text } };
      return {
        messageId: 'byName',
        data: { route: routeLabel(route), key: signIn.key, lookup: signIn.lookup.text, issue: signIn.text },
        also: { at: signIn.lookup, message: `the user is found by the \`${signIn.key}\` the request sends: ${signIn.lookup.text}` },
      };
    });
  },
});
