import type { Rule } from '../../engine/rule.js';
import { adminRouteWithoutRoleCheck } from './admin-route-without-role-check.js';
import { clientSideOnlyAuthorization } from './client-side-only-authorization.js';
import { creditsGrantedWithoutPayment } from './credits-granted-without-payment.js';
import { negativeAmountAccepted } from './negative-amount-accepted.js';
import { exposedDataChain } from './exposed-data-chain.js';
import { idor } from './idor.js';
import { paymentAmountFromClient } from './payment-amount-from-client.js';
import { paymentCreditsReplay } from './payment-credits-replay.js';
import { paymentGrantFromClient } from './payment-grant-from-client.js';
import { loginWithoutCredentialCheck } from './login-without-credential-check.js';
import { routeWithoutAuth } from './route-without-auth.js';

/** Access-control rules answered by the route inventory (src/routes), in the order they are documented. */
export const ROUTE_RULES: readonly Rule[] = [routeWithoutAuth, adminRouteWithoutRoleCheck, clientSideOnlyAuthorization, idor, exposedDataChain, paymentCreditsReplay, paymentAmountFromClient, paymentGrantFromClient, creditsGrantedWithoutPayment, negativeAmountAccepted, loginWithoutCredentialCheck];
