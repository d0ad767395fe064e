import { describe, expect, it } from 'vitest';
import { previewImport } from './import-preview';

const TOKEN = `123456789:${'A'.repeat(35)}`;
const doc = (channels: unknown) => JSON.stringify({ channels });

describe('previewImport', () => {
  it('lists each channel as added or replaced with the fields it sets', () => {
    const preview = previewImport(
      doc({ TELEGRAM: { botToken: TOKEN }, DEEPSEEK: { apiKey: `sk-${'a'.repeat(32)}` } }),
      new Set(['TELEGRAM']),
    );
    expect(preview).toEqual({
      ok: true,
      changes: [
        { channel: 'TELEGRAM', action: 'replace', fields: ['botToken'] },
        { channel: 'DEEPSEEK', action: 'add', fields: ['apiKey'] },
      ],
    });
  });

  it('lists every problem per channel, and no changes, when any channel is invalid', () => {
    const preview = previewImport(
      doc({ TELEGRAM: { botToken: 'bad', extra: 'x' }, NOPE: {}, DISCORD: 'token' }),
      new Set(),
    );
    expect(preview).toEqual({
      ok: false,
      channels: [
        { channel: 'TELEGRAM', known: true, fields: { botToken: 'format', extra: 'unknown' } },
        { channel: 'NOPE', known: false, fields: {} },
        { channel: 'DISCORD', known: true, fields: { '*': 'notObject' } },
      ],
    });
  });

  it('refuses what is not a credentials document, saying why', () => {
    const stored = new Set<string>();
    expect(previewImport('{nope', stored)).toEqual({ ok: false, document: 'json' });
    expect(previewImport('[]', stored)).toEqual({ ok: false, document: 'shape' });
    expect(previewImport('{"TELEGRAM": {}}', stored)).toEqual({ ok: false, document: 'shape' });
    expect(previewImport(doc({}), stored)).toEqual({ ok: false, document: 'empty' });
    const masked = JSON.stringify({ format: 'roundhouse.credentials.export', channels: {} });
    expect(previewImport(masked, stored)).toEqual({ ok: false, document: 'maskedExport' });
  });
});
