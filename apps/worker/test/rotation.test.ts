import { Writable } from 'node:stream';
import {
  decrypt,
  encrypt,
  envelopeKeyId,
  generateKey,
  type Keyring,
  parseKeyring,
} from '@roundhouse/crypto';
import { insertSubscription, insertUser } from '@roundhouse/db/testing';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import { rotateEncryptionKeysTask } from '../src/tasks/rotate-encryption-keys.task';
import { createEndpoint } from './support/messaging-fixtures';
import { startWorkerHarness } from './support/worker-harness';

const { testDb, sim } = useTestDbAndSim();
const v1 = generateKey();
const v2 = generateKey();
const oldRing = parseKeyring({ keys: `v1:${v1}` });
const newRing = parseKeyring({ keys: `v2:${v2},v1:${v1}` });

async function insertCredential(keyring: Keyring, channel: string, plaintext: string) {
  const user = await insertUser(testDb().db);
  const subscription = await insertSubscription(testDb().db, user.id);
  const id = crypto.randomUUID();
  const ciphertext = encrypt(keyring, plaintext, {
    table: 'channel_credentials',
    rowId: id,
    field: 'ciphertext',
  });
  await testDb()
    .db.insertInto('channel_credentials')
    .values({
      id,
      subscription_id: subscription.id,
      channel,
      ciphertext,
      key_version: envelopeKeyId(ciphertext),
    })
    .execute();
  return { id, userId: user.id, ciphertext };
}

it('re-encrypts credentials and webhook secrets from v1 to v2 in batches, with a before/after report', async () => {
  const credentials = [];
  for (let i = 0; i < 5; i++)
    credentials.push(await insertCredential(oldRing, 'telegram', `{"token":"t-${i}"}`));
  const endpoint = await createEndpoint(testDb().db, oldRing, {
    userId: credentials[0]?.userId ?? '',
    url: 'http://127.0.0.1:9/hook',
    events: ['instance.running'],
  });
  // a ciphertext copied from another row no longer decrypts (AAD): it must be left alone
  const [source, copy] = [credentials[1], credentials[2]];
  await testDb()
    .db.updateTable('channel_credentials')
    .set({ ciphertext: source?.ciphertext ?? '' })
    .where('id', '=', copy?.id ?? '')
    .execute();

  const lines: Array<{ msg: string; report?: unknown; columns?: unknown }> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    }),
  );
  const harness = await startWorkerHarness({
    db: testDb(),
    sim: sim(),
    tasks: [rotateEncryptionKeysTask],
    overrides: { keyring: newRing, logger },
  });
  try {
    const result = await harness.runJob('rotate_encryption_keys', { batchSize: 2 });
    expect(result.status).toBe('succeeded');
  } finally {
    await harness.stop();
  }

  const rows = await testDb()
    .db.selectFrom('channel_credentials')
    .selectAll()
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.id === copy?.id) {
      expect(row.key_version).toBe('v1');
      continue;
    }
    expect(row.key_version).toBe('v2');
    expect(envelopeKeyId(row.ciphertext)).toBe('v2');
    const v2Only = parseKeyring({ keys: `v2:${v2}` });
    const plain = decrypt(v2Only, row.ciphertext, {
      table: 'channel_credentials',
      rowId: row.id,
      field: 'ciphertext',
    });
    expect(plain).toMatch(/^\{"token":"t-\d"\}$/);
  }
  const hook = await testDb()
    .db.selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', endpoint.id)
    .executeTakeFirstOrThrow();
  expect(hook.secret_key_version).toBe('v2');
  expect(
    decrypt(newRing, hook.secret_ciphertext, {
      table: 'webhook_endpoints',
      rowId: endpoint.id,
      field: 'secret_ciphertext',
    }),
  ).toBe(endpoint.secret);

  const before = lines.find((line) => line.msg === 'key usage before rotation');
  const after = lines.find((line) => line.msg === 'key usage after rotation');
  expect(before?.report).toMatchObject({
    primaryKeyId: 'v2',
    byKey: { v1: 6, v2: 0 },
    onPrimary: 0,
    total: 6,
  });
  expect(after?.report).toMatchObject({ byKey: { v1: 1, v2: 5 }, onPrimary: 5, total: 6 });
  expect(after?.columns).toEqual([
    { table: 'channel_credentials', rotated: 4, failed: 1 },
    { table: 'webhook_endpoints', rotated: 1, failed: 0 },
  ]);
});
