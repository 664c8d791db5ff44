/** `Users`, `user`, `profiles` → `user`, `profile`: one key for a model, its table and its variable. */
export function modelKey(name: string): string {
  let k = name.replace(/(?:Schema|Model|Repository|Repo|Table|Entity|Collection)$/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  if (k.endsWith('ies')) k = `${k.slice(0, -3)}y`;
  else if (k.endsWith('ses') || k.endsWith('xes')) k = k.slice(0, -2);
  else if (k.endsWith('s') && !k.endsWith('ss')) k = k.slice(0, -1);
  return k;
}
