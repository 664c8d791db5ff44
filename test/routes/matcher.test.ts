import { describe, expect, it } from 'vitest';
import { safeToRun } from '../../src/engine/regex-shape.js';
import { matcherCovers } from '../../src/routes/link.js';

describe('matcherCovers', () => {
  it('runs the matchers Next.js apps write as path patterns', () => {
    expect(matcherCovers('/dashboard/:path*', '/dashboard/settings/billing')).toBe(true);
    expect(matcherCovers('/dashboard/:path*', '/admin')).toBe(false);
    expect(matcherCovers('/((?!_next/static|_next/image|favicon.ico).*)', '/api/users')).toBe(true);
    expect(matcherCovers('/((?!api|trpc).*)', '/api/users')).toBe(false);
    // Clerk's default: two unbounded repetitions, one in a lookahead, still run as written.
    const clerk = '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)';
    expect(matcherCovers(clerk, '/dashboard')).toBe(true);
    expect(matcherCovers(clerk, '/styles/site.css')).toBe(false);
  });

  it('judges a matcher that could backtrack without end by the text before its first pattern', () => {
    // Run as written, `(a+)+` on this path would take longer than the scan; its fixed start decides instead.
    const hostile = '/api/((a+)+)$';
    expect(safeToRun(`^${hostile}$`)).toBe(false);
    expect(matcherCovers(hostile, `/api/${'a'.repeat(60)}!`)).toBe(true);
    expect(matcherCovers(hostile, `/web/${'a'.repeat(60)}!`)).toBe(false);
    // A path longer than any route is judged the same way.
    expect(matcherCovers('/docs/:path*', `/docs/${'x/'.repeat(400)}`)).toBe(true);
  });
});

describe('safeToRun', () => {
  it('refuses nested and branching repetitions and more than three unbounded ones', () => {
    for (const source of ['^(a+)+$', '^(a|aa)*$', '^(.*a){12}$', '^.*a.*b.*c.*d$', '^(a+']) expect(safeToRun(source), source).toBe(false);
    for (const source of ['^/api/.*$', '^(?:/[^/]+)?$', '^/((?!api).*)$', '^.*a.*b.*c$']) expect(safeToRun(source), source).toBe(true);
  });
});
