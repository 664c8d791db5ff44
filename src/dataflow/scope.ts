import type { Val } from './types.js';

/**
 * Variables of one function (block scopes are folded into it: cheaper, and shadowing is rare in the code we
 * read). Dotted keys (`req.query.next`) hold facts learnt about a member path, such as a guard that checked it.
 */
export class Scope {
  readonly vars = new Map<string, Val>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Val | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** Assign where the variable lives (a closure's variable is its outer function's), else here. */
  assign(name: string, val: Val): void {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, val);
        return;
      }
    }
    this.vars.set(name, val);
  }

  /** Forget a fact where it lives (a guard that only held inside a branch). */
  remove(name: string): void {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars.delete(name)) return;
    }
  }

  declare(name: string, val: Val): void {
    this.vars.set(name, val);
  }
}
