import { it } from 'vitest';
import { secretValueKind } from '../../../src/rules/client-exposure/secret-values.js';
import { FAKE } from './projects.js';
it('v', () => {
  for (const v of [...Object.values(FAKE), 'postgres://postgres:Xk29fjQp3mZ@db.abc.supabase.co:5432/postgres', 'postgresql://user:password@localhost/db', 'pk_live_51HxYzAbCdEfGhIjKlMnOpQr', 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', 'sk-...', 'your-openai-key', 'hunter2hunter2', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----'])
    console.log(JSON.stringify(v.slice(0, 30)), '=>', secretValueKind(v, 'VITE_X'));
});
