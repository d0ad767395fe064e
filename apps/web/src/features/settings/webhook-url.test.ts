import { describe, expect, it } from 'vitest';
import { groupEvents, webhookUrlProblem } from './webhook-url';

describe('webhookUrlProblem', () => {
  it('accepts https and http to localhost', () => {
    expect(webhookUrlProblem(' https://hooks.example.com/rh ')).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hook')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1/hook')).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    expect(webhookUrlProblem('hooks.example.com')).toBe('invalid');
    expect(webhookUrlProblem('http://hooks.example.com')).toBe('scheme');
    expect(webhookUrlProblem('ftp://hooks.example.com')).toBe('scheme');
    expect(webhookUrlProblem('https://me:pw@hooks.example.com')).toBe('userinfo');
  });
});

describe('groupEvents', () => {
  it('groups events by their prefix, keeping order', () => {
    expect(groupEvents(['instance.running', 'deployment.failed', 'instance.failed'])).toEqual([
      ['instance', ['instance.running', 'instance.failed']],
      ['deployment', ['deployment.failed']],
    ]);
  });
});
