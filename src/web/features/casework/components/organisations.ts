import { useQuery } from '@tanstack/react-query';
import type { OrganisationDirectory } from '../../../../contracts/home.ts';
import { api } from '../../../api.ts';
import { currentOrganisation, useSession } from '../../../session.ts';

export type DirectoryEntry = OrganisationDirectory['items'][number];

/** Every other responding organisation, from the directory (GET /api/organisations), by kind then name. */
export function useKnownOrganisations() {
  const session = useSession();
  const current = currentOrganisation(session.data);
  return useQuery({
    queryKey: ['casework', 'organisation-directory'],
    enabled: !!current,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<DirectoryEntry[]> => {
      const all: DirectoryEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: OrganisationDirectory = await api.get<OrganisationDirectory>(
          `/api/organisations?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all
        .filter((o) => o.id !== current?.id)
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    },
  });
}
