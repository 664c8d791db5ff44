import ignore from 'ignore';
import { isEnvTemplate } from '../../classify/language.js';
import { findingEvidence, hitEvidence, type ProjectFacts } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';

const SCHEMA = /\bz\.object\s*\(|\bJoi\.object\s*\(|\byup\.object\s*\(|\bv\.object\s*\(|\bType\.Object\s*\(|\benvSchema\b/;
const ENV_READ = /\bprocess\.env\b|\bimport\.meta\.env\b|\bDeno\.env\.get\s*\(|\bBun\.env\b/;

function readsEnv(f: ProjectFacts) {
  return f.search(f.code, ENV_READ, 1);
}

const envValidated: CheckItem = {
  id: 'env-validated',
  group: 'secrets',
  title: 'Environment variables are validated at start-up',
  why: 'A missing or misspelled variable otherwise shows up as a crash on the first request that needs it (or worse, as `undefined` used as a key), long after the deploy looked fine.',
  fix: 'Parse the environment once when the app starts and stop with a clear message if something is missing: `const env = z.object({ DATABASE_URL: z.string().url() }).parse(process.env)`, `envalid`, or `@t3-oss/env-nextjs`.',
  weight: 1,
  evaluate(f) {
    if (!readsEnv(f).length) return notApplicable('The code reads no environment variables.');
    const libraries = f.search(f.code, /\bcleanEnv\s*\(|\bcreateEnv\s*\(|from\s+['"]env-var['"]|require\(\s*['"]env-var['"]\s*\)/);
    // A schema and a parse call in a file that reads the environment: `schema.safeParse(process.env)`, also through a parameter.
    const schemaFiles = f.code.filter((x) => ENV_READ.test(x.text) && SCHEMA.test(x.text) && /\.(?:safeParse|parse|parseAsync|validate|validateSync|assert)\s*\(/.test(x.text));
    const hits = [...libraries, ...schemaFiles.flatMap((x) => f.search([x], /\.(?:safeParse|parse|parseAsync|validate|validateSync|assert)\s*\(/, 1))];
    if (hits.length) return pass('The environment is checked against a schema when the app starts.', some(hits.map((h) => hitEvidence(h))));
    return fail('Environment variables are read directly, with no validation at start-up.', some(readsEnv(f).map((h) => hitEvidence(h, 'environment read without validation'))));
  },
};

const envIgnored: CheckItem = {
  id: 'env-gitignored',
  group: 'secrets',
  title: '`.env` files are ignored by git',
  why: 'A committed `.env` puts every key in the repository history, where anyone with access (or a leaked clone, or a public fork) can read it; deleting the file later does not remove it from history.',
  fix: 'Add `.env` and `.env*.local` to `.gitignore`, remove tracked files with `git rm --cached .env`, and rotate every key they held.',
  weight: 3,
  evaluate(f) {
    const committed = f.findingsOf('env-file-committed');
    if (committed.length) return fail('An environment file with values is committed.', some(committed.map(findingEvidence)));
    const gitignores = f.files(/(?:^|\/)\.gitignore$/);
    const envFiles = f.files(/(?:^|\/)\.env(?:\.[\w.-]+)?$/).filter((x) => !isEnvTemplate(x.path));
    if (!gitignores.length) {
      if (!readsEnv(f).length && !envFiles.length) return notApplicable('The project uses no environment files.');
      return fail('There is no `.gitignore`, so a `.env` created later would be committed.');
    }
    const covering = gitignores.filter((g) => {
      const dir = g.path.includes('/') ? g.path.slice(0, g.path.lastIndexOf('/') + 1) : '';
      return dir === '' && ignore().add(g.text).ignores('.env');
    });
    if (covering.length) return pass('`.env` is listed in `.gitignore`.', [{ file: covering[0].path, note: '`.env` is ignored here' }]);
    return fail('`.gitignore` does not ignore `.env`.', gitignores.slice(0, 1).map((g) => ({ file: g.path, note: 'no pattern here matches `.env`' })));
  },
};

const envExample: CheckItem = {
  id: 'env-example',
  group: 'secrets',
  title: 'A `.env.example` documents the variables',
  why: 'The next developer (or your deploy platform) needs to know which variables to set; without a template they copy a real `.env` around, which is how keys leak.',
  fix: 'Commit a `.env.example` with every variable name and placeholder values, no real keys.',
  weight: 1,
  evaluate(f) {
    if (!readsEnv(f).length) return notApplicable('The code reads no environment variables.');
    const templates = f.model.files.filter((x) => isEnvTemplate(x.path));
    if (templates.length) return pass('An environment template is committed.', templates.slice(0, 3).map((t) => ({ file: t.path, note: 'environment template' })));
    return fail('The code reads environment variables but no `.env.example` lists them.');
  },
};

const noCommittedSecrets: CheckItem = {
  id: 'no-committed-secrets',
  group: 'secrets',
  title: 'No secrets in the code or the browser bundle',
  why: 'Keys in the repository or in code that ships to the browser are public: anyone can use your database, payment or AI account with them.',
  fix: 'Move each key to an environment variable on the server, rotate the exposed ones, and keep browser code to publishable keys.',
  weight: 3,
  evaluate(f) {
    const found = [...f.findingsOfFamily('secrets'), ...f.findingsOfFamily('client-exposure')];
    if (found.length) return fail(`${found.length} secret${found.length === 1 ? ' is' : 's are'} exposed (see the secrets and client-exposure findings).`, some(found.map(findingEvidence)));
    return pass('No hard-coded or browser-exposed secrets were found.');
  },
};

const envSeparation: CheckItem = {
  id: 'env-separation',
  group: 'secrets',
  title: 'Production and development settings are separate',
  why: 'When development and production share one configuration, test data, debug output and test keys end up in production (or production data in a laptop).',
  fix: 'Keep per-environment settings in the deploy platform\'s environment variables (or `.env.production` templates), and branch on `NODE_ENV` only where behaviour must differ.',
  weight: 1,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search([...f.code, ...f.files(/(?:^|\/)(?:config\/|\.env\.(?:production|development)|docker-compose\.prod)/)], /\bNODE_ENV\b|\bimport\.meta\.env\.(?:PROD|DEV|MODE)\b|\bVERCEL_ENV\b|\bAPP_ENV\b|\bENVIRONMENT\b/);
    const files = f.files(/(?:^|\/)(?:\.env\.(?:production|staging|development)(?:\.example)?|config\/(?:production|development)\.\w+)$/);
    if (hits.length || files.length) return pass('Settings differ by environment.', some([...files.map((x) => ({ file: x.path, note: 'per-environment settings' })), ...hits.map((h) => hitEvidence(h))]));
    return warn('Nothing distinguishes production from development settings.');
  },
};

export const CONFIGURATION_ITEMS: readonly CheckItem[] = [envValidated, envIgnored, envExample, noCommittedSecrets, envSeparation];
