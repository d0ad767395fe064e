import { defineMatrix, type MatrixEntry, type MatrixWorld } from './types';

const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

const ofA = (fx: MatrixWorld) => ({ subscriptionId: fx.a.subscription.id });
const telegramOfA = (fx: MatrixWorld) => ({ ...ofA(fx), channel: 'TELEGRAM' });

function write(path: string, input: MatrixEntry['input']): MatrixEntry {
  return {
    path,
    type: 'mutation',
    access: 'user',
    permission: ['credentials', 'write'],
    ownedBy: 'A',
    input,
  };
}

function read(path: string): MatrixEntry {
  return {
    path,
    type: 'query',
    access: 'user',
    permission: ['credentials', 'read'],
    ownedBy: 'A',
    input: ofA,
  };
}

export const credentialsMatrix = defineMatrix([
  read('credentials.list'),
  read('credentials.export'),
  write('credentials.set', (fx) => ({ ...telegramOfA(fx), values: { botToken: TELEGRAM_TOKEN } })),
  write('credentials.enable', telegramOfA),
  write('credentials.disable', telegramOfA),
  write('credentials.delete', telegramOfA),
  write('credentials.importJson', (fx) => ({
    ...ofA(fx),
    document: JSON.stringify({ channels: { TELEGRAM: { botToken: TELEGRAM_TOKEN } } }),
  })),
  write('credentials.applyToInstance', ofA),
]);
