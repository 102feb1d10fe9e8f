/** Articles API calls as TanStack Query hooks (contracts: src/contracts/monitoring/articles.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArticlePasteInput,
  ClaimReviewInput,
  ClaimView,
  DisagreementList,
  IngestedArticleView,
  StoryDetail,
  StoryList,
} from '../../../contracts/monitoring/articles.ts';
import { can } from '../../../core/permissions/matrix.ts';
import { api } from '../../api.ts';
import { currentOrganisation, useSession } from '../../session.ts';

const BASE = '/api/monitoring';

export function useStories() {
  return useQuery({
    queryKey: ['articles', 'stories'],
    queryFn: () => api.get<StoryList>(`${BASE}/stories?limit=100`),
  });
}

export function useStory(id: string) {
  return useQuery({
    queryKey: ['articles', 'story', id],
    queryFn: () => api.get<StoryDetail>(`${BASE}/stories/${id}`),
  });
}

export function useDisagreements() {
  return useQuery({
    queryKey: ['articles', 'disagreements'],
    queryFn: () => api.get<DisagreementList>(`${BASE}/article-disagreements`),
  });
}

export function usePasteArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ArticlePasteInput) => api.post<IngestedArticleView>(`${BASE}/articles`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['articles'] }),
  });
}

export function useReviewClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ClaimReviewInput & { id: string }) =>
      api.post<ClaimView>(`${BASE}/article-claims/${id}/review`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['articles'] }),
  });
}

/** Mirrors services/monitoring/access.service.ts authoriseArticles. */
export function useArticleRights() {
  const session = useSession();
  const org = currentOrganisation(session.data);
  const roles = org?.roles ?? [];
  const monitoring = org?.kind === 'monitor' || org?.kind === 'coordination';
  return {
    read: monitoring && can(roles, 'read', 'evidence'),
    add: monitoring && can(roles, 'create', 'evidence'),
    review: monitoring && can(roles, 'update', 'evidence'),
  };
}
