import type { InstanceStatus } from '../enums';
import { defineStateMachine } from './state-machine';

export const instanceStatusMachine = defineStateMachine<InstanceStatus>('instance', {
  // Clone saga running: its deployment starts → DEPLOYING; saga gives up → FAILED; user deletes.
  PROVISIONING: ['DEPLOYING', 'FAILED', 'DELETING'],
  // First or later deployment in flight. SUSPENDED: the subscription lapsed meanwhile.
  DEPLOYING: ['RUNNING', 'FAILED', 'DEGRADED', 'DELETING', 'SUSPENDED'],
  // Healthy. Redeploy/variables update → DEPLOYING; failing health checks → DEGRADED or FAILED.
  RUNNING: ['DEPLOYING', 'DEGRADED', 'FAILED', 'SUSPENDED', 'DELETING'],
  // Answering badly: recovers → RUNNING; redeployed → DEPLOYING; stays down → FAILED.
  DEGRADED: ['RUNNING', 'DEPLOYING', 'FAILED', 'SUSPENDED', 'DELETING'],
  // Retry the saga (→ PROVISIONING) or redeploy what exists (→ DEPLOYING), or give it up.
  FAILED: ['PROVISIONING', 'DEPLOYING', 'DELETING', 'SUSPENDED'],
  // Resuming after renewal redeploys; retention over → DELETING.
  SUSPENDED: ['DEPLOYING', 'DELETING'],
  // Railway project deleted → DELETED; deletion failed → FAILED (an admin sees it, no orphan).
  DELETING: ['DELETED', 'FAILED'],
  DELETED: [],
});
