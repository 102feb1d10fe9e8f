import { useQuery } from '@tanstack/react-query';
import type { OrganisationRef, ReferralView } from '../../../../contracts/casework/index.ts';
import { api } from '../../../api.ts';
import { currentOrganisation, useSession } from '../../../session.ts';

/**
 * Organisations this one already works with, gathered from its referrals (both directions) and the
 * user's own memberships. The API has no organisation directory yet (see the casework UI report),
 * so pickers also accept a pasted organisation id.
 */
export function useKnownOrganisations() {
  const session = useSession();
  const current = currentOrganisation(session.data);
  return useQuery({
    queryKey: ['casework', 'known-organisations'],
    enabled: !!current,
    staleTime: 60_000,
    queryFn: async (): Promise<OrganisationRef[]> => {
      const [out, inc] = await Promise.all([
        api.get<{ items: ReferralView[] }>('/api/referrals?direction=outgoing&limit=200').catch(() => ({ items: [] })),
        api.get<{ items: ReferralView[] }>('/api/referrals?direction=incoming&limit=200').catch(() => ({ items: [] })),
      ]);
      const byId = new Map<string, OrganisationRef>();
      for (const r of out.items) byId.set(r.toOrganisation.id, r.toOrganisation);
      for (const r of inc.items) byId.set(r.fromOrganisation.id, r.fromOrganisation);
      for (const o of session.data?.organisations ?? []) byId.set(o.id, { id: o.id, name: o.name, kind: o.kind });
      byId.delete(current?.id ?? '');
      return [...byId.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    },
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
