import { hitEvidence } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';

/** A response that sends an error's stack or the raw error object. */
const STACK_LEAK = /\b(?:json|send|end|write)\s*\(\s*\{[^}]*\b(?:err|error|e|ex|exception)\.stack\b|\b(?:json|send)\s*\(\s*(?:err|error)\s*\)|\bstack\s*:\s*(?:err|error|e)\.stack\b/;
/** `res.status(500).json({ error: err.message })`: database and library messages reach the client. */
const MESSAGE_LEAK = /\bstatus\s*\(\s*500\s*\)\s*\.\s*(?:json|send)\s*\(\s*\{[^}]*\b(?:err|error|e)\.message\b/;
const ERROR_MIDDLEWARE = /\(\s*(?:err|error|e)(?:\s*:\s*[\w.]+)?\s*,\s*(?:req|_req|request)(?:\s*:\s*[\w.]+)?\s*,\s*(?:res|_res|response)(?:\s*:\s*[\w.]+)?\s*,\s*(?:next|_next|_)(?:\s*:\s*[\w.]+)?\s*\)|\bsetErrorHandler\s*\(|\bapp\.onError\s*\(|@Catch\s*\(|\buseGlobalFilters\s*\(/;

const errorHandler: CheckItem = {
  id: 'error-handler',
  group: 'security',
  title: 'An error handler that hides internals',
  why: 'Stack traces and raw error messages tell an attacker your file layout, libraries, SQL and sometimes secrets, and show users a broken page instead of a clear message.',
  fix: 'Add one error handler that logs the error and answers `{ error: \'Something went wrong\' }` with a request id; never put `err.stack` or `err.message` of unexpected errors in responses.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const stack = f.search(f.server, STACK_LEAK);
    if (stack.length) return fail('Error responses include stack traces or whole error objects.', some(stack.map((h) => hitEvidence(h))));
    const messages = f.search(f.server, MESSAGE_LEAK);
    if (messages.length) return warn('Unexpected errors send their raw message to the client.', some(messages.map((h) => hitEvidence(h))));
    if (!f.longRunning) return pass('No route sends stack traces or raw error messages.');
    const handler = f.search(f.server, ERROR_MIDDLEWARE);
    if (handler.length || f.frameworks.has('nestjs') || f.frameworks.has('fastify')) return pass('Errors go through an error handler that does not expose internals.', some(handler.map((h) => hitEvidence(h))));
    return warn('No error-handling middleware: Express\'s default handler prints stack traces unless NODE_ENV is production.');
  },
};

const debugOff: CheckItem = {
  id: 'no-debug-in-production',
  group: 'security',
  title: 'No debug or development mode in production',
  why: 'Development mode prints internals, disables caches and security checks, and sometimes exposes admin tools; a production deploy started in it leaks more than it should.',
  fix: 'Set `NODE_ENV=production` in the production environment, and turn debug flags off there (`debug: false`, no `DEBUG=*`, no source maps served to browsers).',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const config = f.files(/(?:^|\/)(?:Dockerfile[^/]*|Procfile|docker-compose[^/]*\.ya?ml|fly\.toml|render\.yaml|app\.yaml|next\.config\.[cm]?[jt]s)$/).filter((x) => !/dev|local|test/i.test(x.path.slice(x.path.lastIndexOf('/') + 1)));
    const hits = f.search([...config, ...f.server], /\bNODE_ENV\s*[=:]\s*['"]?development\b|\bproductionBrowserSourceMaps\s*:\s*true|\bDEBUG\s*=\s*['"]?\*|\bapp\.set\s*\(\s*['"]env['"]\s*,\s*['"]development['"]/);
    const starts = f.model.packages.filter((p) => /NODE_ENV=development|DEBUG=\*/.test(p.scripts.start ?? '')).map((p) => ({ file: p.manifestPath, note: 'the `start` script runs in development mode' }));
    if (hits.length || starts.length) return fail('A production setting turns on development or debug mode.', some([...starts, ...hits.map((h) => hitEvidence(h))]));
    return pass('No development or debug mode is forced in production settings.');
  },
};

const httpsProxy: CheckItem = {
  id: 'https-and-proxy',
  group: 'security',
  title: 'HTTPS is enforced (HSTS) and the proxy is trusted correctly',
  why: 'Without HSTS a first visit can be downgraded to HTTP on a hostile network. Behind a load balancer, Express sees the proxy\'s address unless `trust proxy` is set, so rate limits hit everyone at once and secure cookies are not sent.',
  fix: 'Send `Strict-Transport-Security` (helmet does by default) and, behind one proxy, `app.set(\'trust proxy\', 1)`.',
  weight: 1,
  evaluate(f) {
    if (!f.longRunning) return notApplicable('No long-running Node server; the hosting platform terminates HTTPS.');
    const hsts = f.search(f.server, /\bhelmet\s*\(|Strict-Transport-Security|\bhsts\s*\(/i);
    const proxySensitive = f.search(f.server, /\brateLimit\s*\(|\bsecure\s*:\s*true|\breq\.ip\b/);
    const trusted = f.search(f.server, /['"]trust proxy['"]|\btrustProxy\s*:|\bproxy\s*=\s*true/);
    if (!hsts.length) return warn('No HSTS header is sent (it may be added by your host).');
    if (proxySensitive.length && !trusted.length) return warn('Rate limits or secure cookies depend on the client address, but `trust proxy` is not set.', some(proxySensitive.map((h) => hitEvidence(h))));
    return pass('HSTS is sent and proxy settings match.', some([...hsts, ...trusted].map((h) => hitEvidence(h))));
  },
};

export const HARDENING_ITEMS: readonly CheckItem[] = [errorHandler, debugOff, httpsProxy];
