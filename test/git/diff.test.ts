import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, touches, unquote } from '../../src/git/diff.js';

const DIFF = `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -3 +3 @@ import x from 'x';
-const a = 1;
+const a = 2;
@@ -10,0 +11,3 @@ function f() {
+one
+two
+three
@@ -20,2 +23,0 @@ function g() {
-gone
-gone too
diff --git a/src/new file.ts b/src/new file.ts
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/new file.ts\t
@@ -0,0 +1,2 @@
+export const x = 1;
+export const y = 2;
diff --git a/old.ts b/old.ts
deleted file mode 100644
index 4444444..0000000
--- a/old.ts
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git "a/sp\\303\\251cial \\"q\\".ts" "b/sp\\303\\251cial \\"q\\".ts"
--- "a/sp\\303\\251cial \\"q\\".ts"
+++ "b/sp\\303\\251cial \\"q\\".ts"
@@ -1,0 +2 @@
+added
`;

describe('parseUnifiedDiff', () => {
  const changed = parseUnifiedDiff(DIFF);

  it('collects the new-side lines of each hunk', () => {
    expect([...(changed.get('src/app.ts') as Set<number>)].sort((a, b) => a - b)).toEqual([3, 11, 12, 13, 23, 24]);
  });

  it('marks a pure deletion by the lines on both sides of the gap', () => {
    expect(touches(changed, 'src/app.ts', 23, 23)).toBe(true);
    expect(touches(changed, 'src/app.ts', 24, 24)).toBe(true);
    expect(touches(changed, 'src/app.ts', 25, 30)).toBe(false);
  });

  it('treats a new file as changed everywhere, and handles the tab git adds after names with spaces', () => {
    expect(changed.get('src/new file.ts')).toBe('all');
    expect(touches(changed, 'src/new file.ts', 400, 400)).toBe(true);
  });

  it('ignores deleted files and unquotes C-style quoted names', () => {
    expect(changed.has('old.ts')).toBe(false);
    expect(changed.has('/dev/null')).toBe(false);
    expect([...(changed.get('spécial "q".ts') as Set<number>)]).toEqual([2]);
  });

  it('checks ranges that span lines', () => {
    expect(touches(changed, 'src/app.ts', 1, 3)).toBe(true);
    expect(touches(changed, 'src/app.ts', 4, 10)).toBe(false);
    expect(touches(changed, 'elsewhere.ts', 1, 1)).toBe(false);
  });

  it('unquotes escapes', () => {
    expect(unquote('"a\\tb\\\\c\\"d"')).toBe('a\tb\\c"d');
  });
});
