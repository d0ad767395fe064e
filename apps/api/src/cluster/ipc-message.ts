/** Whether an IPC message is one of ours of `type` (the cluster's channel also carries others'). */
export function isMessage<T extends { type: string }>(
  message: unknown,
  type: T['type'],
): message is T {
  return (
    typeof message === 'object' && message !== null && 'type' in message && message.type === type
  );
}
