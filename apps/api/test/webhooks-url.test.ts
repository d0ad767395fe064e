import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, webhookUrlPolicy } from '../src/routers/webhooks.url';

const production = webhookUrlPolicy('https://app.roundhouse.example');
const development = webhookUrlPolicy('http://localhost:3000');

describe('webhook URL policy', () => {
  it('recognises development by a loopback http dashboard URL', () => {
    expect(production).toEqual({ allowLoopback: false });
    expect(development).toEqual({ allowLoopback: true });
    expect(webhookUrlPolicy('http://app.example.com')).toEqual({ allowLoopback: false });
  });

  it('accepts public https URLs, normalised', () => {
    expect(checkWebhookUrl('HTTPS://Hooks.Example.com:8443/a?b=1', production)).toBe(
      'https://hooks.example.com:8443/a?b=1',
    );
  });

  it('allows http only to loopback, and only in development', () => {
    for (const url of ['http://localhost:4000/hook', 'http://127.0.0.1/x', 'http://[::1]/x']) {
      expect(checkWebhookUrl(url, development)).toBe(url);
      expect(() => checkWebhookUrl(url, production)).toThrow(/must use https/);
    }
    expect(checkWebhookUrl('https://localhost/x', development)).toBe('https://localhost/x');
    expect(() => checkWebhookUrl('https://localhost/x', production)).toThrow(/public address/);
    expect(() => checkWebhookUrl('http://example.com/x', development)).toThrow(/must use https/);
  });

  it('refuses private, link-local and metadata addresses written as IPs', () => {
    const privateUrls = [
      'https://10.0.0.8/',
      'https://172.20.1.1/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://2130706433/', // 127.0.0.1 as a number
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://printer.localhost/',
    ];
    for (const url of privateUrls) {
      expect(() => checkWebhookUrl(url, production), url).toThrow(/public address/);
    }
    // development relaxes loopback only, not the private networks
    expect(() => checkWebhookUrl('https://10.0.0.8/', development)).toThrow(/public address/);
    expect(checkWebhookUrl('https://8.8.8.8/', production)).toBe('https://8.8.8.8/');
    expect(checkWebhookUrl('https://[2606:4700::1111]/', production)).toBe(
      'https://[2606:4700::1111]/',
    );
  });

  it('refuses other schemes and embedded credentials', () => {
    expect(() => checkWebhookUrl('ws://hooks.example.com', production)).toThrow(/not ws/);
    expect(() => checkWebhookUrl('javascript:alert(1)', production)).toThrow(/must use https/);
    expect(() => checkWebhookUrl('https://a:b@hooks.example.com', production)).toThrow(
      /user name or password/,
    );
    expect(() => checkWebhookUrl('/relative', production)).toThrow(/absolute URL/);
  });
});
