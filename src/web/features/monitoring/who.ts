/**
 * "Who" as the server attributed it (core/permissions/attribution.ts): a name only for staff of the reader's own
 * organisation, otherwise the organisation alone. Never falls back to an id.
 */
import { useTranslation } from 'react-i18next';

export function useWho() {
  const { t } = useTranslation('monitoring');
  return (name: string | null, organisation: string | null): string =>
    name && organisation ? t('who.named', { name, organisation }) : (name ?? organisation ?? t('who.none'));
}
