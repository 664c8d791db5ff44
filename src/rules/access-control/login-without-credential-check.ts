import { defineProjectRule } from '../../engine/rule.js';
import { isSignInRoute } from '../../routes/public.js';
import { reportRouteFacts, routeLabel } from './route-facts.js';

/**
 * A route that finds a user by who the request says they are (an e-mail, a user name) and signs them in without
 * checking anything they would need to hold: no password, no provider ID token, no one-time code or link (CWE-287).
 * Typical of AI-built "Sign in with Google" endpoints that post the e-mail the browser got from Google.
 */
export const loginWithoutCredentialCheck = defineProjectRule({
  id: 'login-without-credential-check',
  messageIds: ['byName'],
  readsAnalysis: ['routes'],
  check(ctx) {
    // (A role in the sign-in's own lookup, `where: { name, role: 'ADMIN' }`, checks nothing the caller holds.)
    reportRouteFacts(ctx, (route) => (route.roleCheck && !isSignInRoute(route.path) ? undefined : route.signInByName), (route, signIn) => ({
      messageId: 'byName',
      data: { route: routeLabel(route), key: signIn.key, lookup: signIn.lookup.text, issue: signIn.text },
      also: { at: signIn.lookup, message: `the user is found by the \`${signIn.key}\` the request sends: ${signIn.lookup.text}` },
    }));
  },
});
