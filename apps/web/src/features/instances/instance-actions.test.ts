import { describe, expect, it } from 'vitest';
import { actionAvailability, type ActionState, type InstanceAction } from './instance-actions';

const state = (over: Partial<ActionState> = {}): ActionState => ({
  instanceStatus: 'RUNNING',
  deploymentStatus: 'SUCCEEDED',
  hasRollbackTarget: true,
  ...over,
});
const reason = (action: InstanceAction, s: ActionState) => {
  const a = actionAvailability(action, s);
  return a.allowed ? 'allowed' : a.reason;
};

describe('actionAvailability', () => {
  it('allows deploy-like actions on a running instance, not retry or cancel', () => {
    const s = state();
    expect(reason('redeploy', s)).toBe('allowed');
    expect(reason('restart', s)).toBe('allowed');
    expect(reason('rollback', s)).toBe('allowed');
    expect(reason('delete', s)).toBe('allowed');
    expect(reason('retry', s)).toBe('onlyFailed');
    expect(reason('cancel', s)).toBe('nothingToCancel');
  });

  it('blocks everything but cancel and delete while a deployment is in flight', () => {
    const s = state({ instanceStatus: 'DEPLOYING', deploymentStatus: 'BUILDING' });
    expect(reason('redeploy', s)).toBe('inflight');
    expect(reason('retry', s)).toBe('inflight');
    expect(reason('cancel', s)).toBe('allowed');
    expect(reason('delete', s)).toBe('allowed');
  });

  it('says it is too late to cancel during the health check (Railway already switched)', () => {
    const s = state({ instanceStatus: 'DEPLOYING', deploymentStatus: 'HEALTH_CHECK' });
    expect(reason('cancel', s)).toBe('tooLateToCancel');
  });

  it('allows retry only when FAILED and nothing runs', () => {
    expect(reason('retry', state({ instanceStatus: 'FAILED', deploymentStatus: 'FAILED' }))).toBe(
      'allowed',
    );
    expect(reason('retry', state({ instanceStatus: 'FAILED', deploymentStatus: null }))).toBe(
      'allowed',
    );
  });

  it('needs a previous successful deployment to roll back to', () => {
    expect(reason('rollback', state({ hasRollbackTarget: false }))).toBe('noRollbackTarget');
  });

  it('explains provisioning, suspension, deletion', () => {
    const provisioning = state({ instanceStatus: 'PROVISIONING', deploymentStatus: null });
    expect(reason('redeploy', provisioning)).toBe('provisioning');
    expect(reason('delete', provisioning)).toBe('allowed');
    expect(reason('restart', state({ instanceStatus: 'SUSPENDED' }))).toBe('notDeployable');
    expect(reason('delete', state({ instanceStatus: 'DELETING' }))).toBe('deleting');
    expect(reason('redeploy', state({ instanceStatus: 'DELETING' }))).toBe('deleting');
    expect(reason('delete', state({ instanceStatus: 'DELETED' }))).toBe('deleted');
  });
});
