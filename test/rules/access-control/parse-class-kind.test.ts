import { describe, expect, it } from 'vitest';
import { parseClassKind } from '../../../src/rules/access-control/parse-class-kind.js';

describe('parseClassKind', () => {
  it.each([
    ['Order', 'private'],
    ['OrderItem', 'private'],
    ['ChatMessage', 'private'],
    ['_Session', 'private'],
    ['Payment', 'private'],
    ['_User', 'user'],
    ['UserProfile', 'user'],
    ['Profile', 'user'],
    ['Post', 'public'],
    ['Category', 'public'],
    ['product_review', 'public'],
    ['Widget', 'unknown'],
  ])('%s is %s', (name, kind) => {
    expect(parseClassKind(name)).toBe(kind);
  });
});
