import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/**
 * orders.create, then the checkout page. A double click or a reload returns the same open order
 * (the server reuses it), so the buyer never pays twice for one plan.
 */
export function useStartCheckout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.orders.create.mutationOptions({
      onSuccess: async ({ order }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
        await navigate({ to: '/checkout/$orderId', params: { orderId: order.id } });
      },
    }),
  );
}
