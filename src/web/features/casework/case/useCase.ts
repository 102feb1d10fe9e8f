import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api.ts';

export const caseKey = (caseId: string) => ['casework', 'case', caseId] as const;

/** A write on a case that refreshes the case page (and lists) afterwards. */
export function useCaseMutation<TBody, TResult = unknown>(
  caseId: string,
  method: 'post' | 'put' | 'patch',
  path: string,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api[method]<TResult>(path, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['casework'] }),
    meta: { caseId },
  });
}
