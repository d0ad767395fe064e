#!/usr/bin/env node
// Sums the JSON reports every package's vitest writes to <repo>/test-results/*.json and prints
// one closing line "N passed, N failed, N skipped" for CI (vitest's own summary is per package).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  // A file that fails to load has no failed test but a failed suite: count it as one failure.
  totals.failed += Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
