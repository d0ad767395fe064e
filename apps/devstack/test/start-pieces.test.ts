import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsMessage, writeCredentialsFile } from '../src/credentials';
import { startDevSimulator } from '../src/dev-simulator';
import { assertPortsFree } from '../src/ports';
import type { SeedResult } from '../src/seeds';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'devstack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const firstStart: SeedResult = {
  accounts: [
    { role: 'admin', email: 'admin@example.com', password: 'pw-admin-123456', created: true },
    { role: 'customer', email: 'demo@example.com', password: 'pw-demo-1234567', created: true },
  ],
  grantedInstanceId: 'i-1',
};
const laterStart: SeedResult = {
  accounts: firstStart.accounts.map((a) => ({ ...a, password: null, created: false })),
  grantedInstanceId: null,
};

describe('what a start prints and keeps', () => {
  it('shows new passwords once in a box, later only that the accounts exist', () => {
    const boxed = credentialsMessage(firstStart, 'http://localhost:5173');
    expect(boxed).toContain('http://localhost:5173');
    expect(boxed).toContain('admin@example.com  password: pw-admin-123456');
    expect(boxed.split('\n').every((line) => /^[+|]/.test(line))).toBe(true);
    const partial = credentialsMessage(
      { accounts: [firstStart.accounts[1]!, laterStart.accounts[0]!], grantedInstanceId: null },
      'http://localhost:5173',
    );
    expect(partial).toContain('demo@example.com  password: pw-demo-1234567');
    expect(partial).toContain('admin@example.com  (existed already; password unchanged)');
    const later = credentialsMessage(laterStart, 'http://localhost:5173');
    expect(later).not.toMatch(/password:/);
    expect(later).toMatch(/exist.*Forgot password/s);
  });

  it('writes the e2e credentials file readable by its owner only, and only with passwords', () => {
    const file = writeCredentialsFile(dir, firstStart)!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      admin: { email: 'admin@example.com', password: 'pw-admin-123456' },
      customer: { email: 'demo@example.com', password: 'pw-demo-1234567' },
    });
    expect(writeCredentialsFile(path.join(dir, 'none'), laterStart)).toBeNull();
  });

  it('names the variable to change when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(assertPortsFree({ api: taken, web: 1, worker: 2, sim: 3 })).rejects.toThrow(
        new RegExp(`${taken} \\(api; set PORT`),
      );
    } finally {
      blocker.close();
    }
  });

  it('the simulator keeps its template and projects across starts', async () => {
    const first = await startDevSimulator(dir, 0);
    expect(first.fresh).toBe(true);
    await first.sim.close();
    const second = await startDevSimulator(dir, 0);
    try {
      expect(second.fresh).toBe(false);
      expect(second.railway.templateProjectId).toBe(first.railway.templateProjectId);
      expect(second.railway.token).toBe(first.railway.token);
      expect(second.sim.state.projects().map((p) => p.id)).toContain(
        first.railway.templateProjectId,
      );
    } finally {
      await second.sim.close();
    }
  });
});
