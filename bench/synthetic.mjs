// Synthetic projects shaped like the apps vibeaudit is run on: an Express API, a React (Vite) front end,
// Supabase client code, shared utilities and SQL migrations. Deterministic for a given file count, with a
// realistic sprinkle of defects so rules and the data-flow pass have work to do.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Kinds of file, in the proportions of a typical full-stack app (routes and components dominate). */
const KINDS = ['route', 'component', 'component', 'supabase', 'route', 'component', 'util', 'migration', 'service', 'component'];

export function generateProject(root, fileCount) {
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('package.json', JSON.stringify({
    name: 'bench-app',
    private: true,
    type: 'module',
    dependencies: { express: '^4.19.2', react: '^18.3.1', 'react-dom': '^18.3.1', '@supabase/supabase-js': '^2.45.0', pg: '^8.12.0', zod: '^3.23.8', vite: '^5.4.0' },
  }, null, 2));
  write('.gitignore', 'node_modules\ndist\n.env\n');
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, baseUrl: '.', paths: { '@/*': ['./src/*'] } } }, null, 2));
  for (let i = 0; i < fileCount - 3; i++) {
    const kind = KINDS[i % KINDS.length];
    const group = `g${Math.floor(i / 50)}`;
    if (kind === 'route') write(`server/routes/${group}/items${i}.ts`, route(i));
    else if (kind === 'component') write(`src/components/${group}/Widget${i}.tsx`, component(i));
    else if (kind === 'supabase') write(`src/lib/${group}/data${i}.ts`, supabase(i));
    else if (kind === 'util') write(`server/lib/${group}/util${i}.js`, util(i));
    else if (kind === 'service') write(`server/services/${group}/service${i}.ts`, service(i));
    else write(`supabase/migrations/${String(20240101000000 + i)}_table${i}.sql`, migration(i));
  }
}

const route = (i) => `import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { pool } from '../../db';
import { requireUser } from '../../middleware/auth';

const router = express.Router();
const Body${i} = z.object({ name: z.string().min(1).max(200), quantity: z.number().int().positive() });

router.get('/items${i}', requireUser, async (req: Request, res: Response) => {
  const { rows } = await pool.query('select id, name, quantity from items where owner_id = $1 order by id limit 50', [req.user.id]);
  res.json(rows);
});

router.get('/items${i}/search', async (req, res) => {
  const term = String(req.query.q ?? '');
  ${i % 7 === 0 ? "const { rows } = await pool.query(`select * from items where name like '%${term}%'`);" : "const { rows } = await pool.query('select * from items where name ilike $1', [`%${term}%`]);"}
  res.json(rows);
});

router.post('/items${i}', requireUser, async (req, res) => {
  const parsed = Body${i}.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });
  const { name, quantity } = parsed.data;
  const { rows } = await pool.query('insert into items (name, quantity, owner_id) values ($1, $2, $3) returning id', [name, quantity, req.user.id]);
  res.status(201).json({ id: rows[0].id });
});

router.delete('/items${i}/:id', ${i % 5 === 0 ? '' : 'requireUser, '}async (req, res) => {
  await pool.query('delete from items where id = $1', [req.params.id]);
  res.status(204).end();
});

export default router;
`;

const component = (i) => `import { useEffect, useMemo, useState } from 'react';
import { supabase } from '../../lib/supabase';

interface Item${i} { id: number; name: string; quantity: number; note?: string }

export function Widget${i}({ title, filter }: { title: string; filter?: string }) {
  const [items, setItems] = useState<Item${i}[]>([]);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    supabase.from('items').select('id, name, quantity, note').limit(100).then(({ data, error }) => {
      if (cancelled) return;
      if (error) setError(error.message);
      else setItems(data ?? []);
    });
    return () => { cancelled = true; };
  }, []);
  const visible = useMemo(() => items.filter((x) => !filter || x.name.includes(filter)), [items, filter]);
  return (
    <section className="widget">
      <h2 onClick={() => setOpen(!open)}>{title} ({visible.length})</h2>
      {error && <p role="alert">{error}</p>}
      {open && (
        <ul>
          {visible.map((item) => (
            <li key={item.id} title={item.name}>
              {item.name} &times; {item.quantity}
              ${i % 9 === 0 ? '<div dangerouslySetInnerHTML={{ __html: item.note ?? \'\' }} />' : '<span>{item.note}</span>'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
`;

const supabase = (i) => `import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);

export async function loadProfile${i}(userId: string) {
  const { data, error } = await supabase.from('profiles').select('id, display_name, avatar_url').eq('id', userId).single();
  if (error) throw error;
  return data;
}

export async function saveNote${i}(userId: string, text: string) {
  return supabase.from('notes').insert({ user_id: userId, text, created_at: new Date().toISOString() });
}

export function subscribe${i}(onChange: (row: unknown) => void) {
  return supabase.channel('notes-${i}').on('postgres_changes', { event: '*', schema: 'public', table: 'notes' }, (p) => onChange(p.new)).subscribe();
}
`;

const util = (i) => `'use strict';
const crypto = require('crypto');
const path = require('path');
const fs = require('fs');

function slugify${i}(text) {
  return String(text).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function token${i}(bytes = 32) {
  return crypto.randomBytes(bytes).toString('hex');
}

function readUpload${i}(req, res) {
  const file = path.join(__dirname, 'uploads', ${i % 11 === 0 ? 'req.query.name' : 'path.basename(String(req.query.name))'});
  fs.createReadStream(file).pipe(res);
}

module.exports = { slugify${i}, token${i}, readUpload${i} };
`;

const service = (i) => `import { pool } from '../../db';

export interface Order${i} { id: string; total: number; status: 'open' | 'paid' | 'shipped' }

export class OrderService${i} {
  constructor(private readonly tenant: string) {}

  async list(limit = 20): Promise<Order${i}[]> {
    const { rows } = await pool.query('select id, total, status from orders where tenant = $1 limit $2', [this.tenant, limit]);
    return rows;
  }

  async markPaid(id: string): Promise<void> {
    await pool.query("update orders set status = 'paid' where id = $1 and tenant = $2", [id, this.tenant]);
  }

  summarize(orders: Order${i}[]): Record<Order${i}['status'], number> {
    return orders.reduce((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + o.total }), {} as Record<Order${i}['status'], number>);
  }
}
`;

const migration = (i) => `create table if not exists public.table${i} (
  id bigint generated always as identity primary key,
  owner_id uuid not null references auth.users (id) on delete cascade,
  title text not null,
  body text,
  created_at timestamptz not null default now()
);
${i % 4 === 0 ? '' : `alter table public.table${i} enable row level security;
create policy "owners read table${i}" on public.table${i} for select using (auth.uid() = owner_id);
create policy "owners write table${i}" on public.table${i} for insert with check (auth.uid() = owner_id);
`}create index if not exists table${i}_owner_idx on public.table${i} (owner_id);
`;
