import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('suppression-without-reason', {
  valid: [
    { filename: 'src/a.ts', code: '// vibeaudit-ignore-next-line hardcoded-secret -- public test key\nconst a = 1;\n' },
    { filename: '.env', code: '# vibeaudit-ignore-file hardcoded-secret -- sample values only\nA=1\n' },
    { filename: 'db/x.sql', code: '-- vibeaudit-ignore-next-line hardcoded-secret -- fixture data\nselect 1;\n' },
    { filename: 'src/b.ts', code: '// a normal comment about vibeaudit\nconst b = 2;\n' },
  ],
  invalid: [
    { filename: 'src/a.ts', code: 'const x = 1;\n// vibeaudit-ignore-next-line hardcoded-secret\nconst a = 1;\n', errors: [{ messageId: 'missingReason', line: 2 }] },
    { filename: 'config.yml', code: 'a: 1\n# vibeaudit-ignore-file hardcoded-secret --\n', errors: [{ messageId: 'missingReason', line: 2 }] },
    { filename: 'src/c.tsx', code: '/* vibeaudit-ignore-next-line hardcoded-secret */\nconst a = 1;\n', errors: [{ messageId: 'missingReason', line: 1 }] },
  ],
});
