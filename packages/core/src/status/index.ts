export * from './deployment-progress';
export { deploymentStatusMachine } from './deployment-status';
export { instanceStatusMachine } from './instance-status';
export { orderStatusMachine } from './order-status';
export { defineStateMachine, type StateMachine } from './state-machine';
export { subscriptionStatusMachine } from './subscription-status';
