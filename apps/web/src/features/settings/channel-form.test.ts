import { getChannel } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { channelGroups, checkChannelValues, parseServerIssues } from './channel-form';

const TOKEN = `123456789:${'A'.repeat(35)}`;

describe('channelGroups', () => {
  it('lists chat channels, then model providers, each channel once', () => {
    const groups = channelGroups();
    expect(groups.map((g) => g.kind)).toEqual(['chat', 'model']);
    expect(groups[0]?.channels.map((c) => c.id)).toContain('TELEGRAM');
    expect(groups[1]?.channels.map((c) => c.id)).toContain('OPENAI');
    const ids = groups.flatMap((g) => g.channels.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(groups.every((g) => g.channels.every((c) => c.kind === g.kind))).toBe(true);
  });
});

describe('checkChannelValues', () => {
  const telegram = getChannel('TELEGRAM');

  it('trims values and leaves out an empty optional field', () => {
    const check = checkChannelValues(telegram, { botToken: ` ${TOKEN}\n`, allowedUserIds: '  ' });
    expect(check).toEqual({ values: { botToken: TOKEN }, problems: {} });
  });

  it('flags a missing required field and a malformed one, naming the field', () => {
    expect(checkChannelValues(telegram, {}).problems).toEqual({ botToken: 'required' });
    const check = checkChannelValues(telegram, { botToken: 'nope', allowedUserIds: 'a,b' });
    expect(check.problems).toEqual({ botToken: 'format', allowedUserIds: 'format' });
    expect(check.values).toEqual({});
  });

  it('flags fields the channel does not have and values that are not text', () => {
    const check = checkChannelValues(telegram, { botToken: 42, token: TOKEN });
    expect(check.problems).toEqual({ botToken: 'notText', token: 'unknown' });
  });

  it('agrees with the server-side validator on what is valid', () => {
    const values = { botToken: TOKEN, allowedUserIds: '1,2' };
    expect(checkChannelValues(telegram, values).problems).toEqual({});
  });
});

describe('parseServerIssues', () => {
  it('splits the server message into channel and field issues', () => {
    const message =
      'Invalid credentials: TELEGRAM.botToken: Telegram Bot token is required; "FOO": is not a channel; expected one of TELEGRAM';
    expect(parseServerIssues(message)).toEqual([
      { channel: 'TELEGRAM', field: 'botToken', message: 'Telegram Bot token is required' },
      { channel: '"FOO"', field: '*', message: 'is not a channel; expected one of TELEGRAM' },
    ]);
  });

  it('returns null for any other message, to show it as it is', () => {
    expect(parseServerIssues('At most 2 chat channels on this plan')).toBeNull();
  });
});
