import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GeneratedReport, ReportScheduleInput, ReportScheduleView } from '../../../contracts/exports.ts';
import { api } from '../../api.ts';

/** The organisation's scheduled situation reports. */
export function useReportSchedules() {
  return useQuery({
    queryKey: ['report-schedules'],
    queryFn: () => api.get<{ items: ReportScheduleView[] }>('/api/reports/schedules'),
  });
}

/** Reports the schedules have produced (refreshed each minute while the page is open). */
export function useGeneratedReports() {
  return useQuery({
    queryKey: ['generated-reports'],
    queryFn: () => api.get<{ items: GeneratedReport[] }>('/api/reports/generated'),
    refetchInterval: 60_000,
  });
}

export function useCreateSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportScheduleInput) => api.post<ReportScheduleView>('/api/reports/schedules', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['report-schedules'] }),
  });
}

export function useDeleteSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/reports/schedules/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['report-schedules'] }),
  });
}
