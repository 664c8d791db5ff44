import { describe, expect, it } from 'vitest';
import type { ProjectModel, SourceFile } from '../../../src/model/types.js';
import { modelKey, objectKeys, projectModels } from '../../../src/rules/access-control/model-fields.js';

const file = (path: string, text: string): SourceFile => {
  const language = path.endsWith('.sql') ? 'sql' : path.endsWith('.prisma') ? 'other' : 'ts';
  return { path, text, language, role: 'server' } as unknown as SourceFile;
};
const modelsOf = (files: Record<string, string>) => projectModels({ files: Object.entries(files).map(([p, t]) => file(p, t)) } as unknown as ProjectModel);

describe('model fields read from schema declarations', () => {
  it('names models, tables and variables with one key', () => {
    expect(['User', 'users', 'userSchema', 'UserModel', 'user_profiles', 'categories', 'addresses'].map(modelKey)).toEqual(['user', 'user', 'user', 'user', 'userprofile', 'category', 'address']);
  });

  it('reads top-level keys, skipping nested objects, strings and comments', () => {
    const text = `x = { name: String, // a comment, with: commas\n  'role': { type: String, enum: ['a', 'b'] }, password: { type: String, select: false }, nested: { deep: 1 } }`;
    const keys = objectKeys(text, text.indexOf('{'));
    expect(keys.fields).toEqual(['name', 'role', 'password', 'nested']);
    expect(keys.hidden).toEqual(['password']);
    expect(text.slice(keys.end - 1, keys.end)).toBe('}');
  });

  it('Mongoose schemas with select: false, a toJSON transform and the model name', () => {
    const models = modelsOf({
      'server/models/User.js': `const userSchema = new mongoose.Schema({ email: String, password: { type: String, select: false }, isAdmin: Boolean });\nmodule.exports = mongoose.model('User', userSchema);\n`,
      'server/models/Token.ts': `const schema = new Schema<IToken>({ value: String }, { toJSON: { virtuals: true } });\nexport const Token = model<IToken>('ApiToken', schema);\n`,
    });
    expect(models.get('user')).toMatchObject({ name: 'User', fields: new Set(['email', 'password', 'isAdmin']), hidden: new Set(['password']), transformed: false });
    expect(models.get('apitoken')?.transformed).toBe(true);
  });

  it('Prisma models, SQL migrations, Drizzle, Sequelize and TypeORM', () => {
    const models = modelsOf({
      'prisma/schema.prisma': `model Account {\n  id String @id\n  refresh_token String?\n}\n`,
      'supabase/migrations/1_init.sql': `create table if not exists public."profiles" (\n  id uuid primary key,\n  plan text default 'free',\n  constraint fk foreign key (id) references auth.users\n);\n`,
      'server/db/schema.ts': `export const orders = pgTable('orders', {\n  id: serial('id').primaryKey(),\n  total: integer('total'),\n});\n`,
      'server/models/invoice.js': `const Invoice = sequelize.define('Invoice', { amount: DataTypes.INTEGER, paid: DataTypes.BOOLEAN });\n`,
      'src/users/user.entity.ts': `@Entity()\nexport class Member {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ select: false }) password: string;\n  @Column() role: string;\n}\n`,
    });
    expect([...models.get('account')!.fields]).toEqual(['id', 'refresh_token']);
    expect([...models.get('profile')!.fields]).toEqual(['id', 'plan']);
    expect([...models.get('order')!.fields]).toEqual(['id', 'total']);
    expect([...models.get('invoice')!.fields]).toEqual(['amount', 'paid']);
    expect(models.get('member')).toMatchObject({ fields: new Set(['id', 'password', 'role']), hidden: new Set(['password']) });
  });

  it('each form found whichever of its spellings a file uses, and nothing in a file that only mentions the words', () => {
    const models = modelsOf({
      'server/db/mysql.ts': `export const users = mysqlTable('users', { id: int('id'), email: varchar('email', { length: 255 }) });\n`,
      'server/db/sqlite.ts': `export const posts = sqliteTable ( 'posts' , { id: integer('id'), title: text('title') });\n`,
      'server/models/order.js': `class Order extends Model {}\nOrder.init({ total: DataTypes.INTEGER, status: DataTypes.STRING }, { sequelize });\n`,
      'server/models/note.ts': `const noteSchema = new Schema <INote> ( { body: String } );\nexport const Note = model('Note', noteSchema);\n`,
      'server/lib/words.ts': `// Schema, Table, pgTable and .init are only words here.\nexport const label = 'Schema (v2) of the pgTable helper';\n`,
    });
    expect([...models.get('user')!.fields]).toEqual(['id', 'email']);
    expect([...models.get('post')!.fields]).toEqual(['id', 'title']);
    expect([...models.get('order')!.fields]).toEqual(['total', 'status']);
    expect([...models.get('note')!.fields]).toEqual(['body']);
    expect([...models.keys()].sort()).toEqual(['note', 'order', 'post', 'user']);
  });
});
