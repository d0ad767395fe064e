#!/usr/bin/env node
// Sums the JSON reports every package's vitest writes to <package>/test-results/vitest*.json (the
// unit tests' vitest.json, the browser tests' vitest-e2e.json) and prints one closing line
// "N passed, N failed, N skipped" for CI (vitest's summaries are per package).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = ['apps', 'packages', 'examples']
  .filter((group) => existsSync(join(root, group)))
  .flatMap((group) => readdirSync(join(root, group)).map((pkg) => join(root, group, pkg, 'test-results')))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((name) => /^vitest.*\.json$/.test(name)).map((name) => join(dir, name)));

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  // A file that fails to load has no failed test but a failed suite: count it as one failure.
  totals.failed += Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
