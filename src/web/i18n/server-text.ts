import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, MessageParam } from '../../core/message.ts';
import { currentLanguage, LANGUAGE_TAGS } from './index.ts';

/**
 * Where a message parameter's value is worded: a parameter name means one vocabulary in every
 * message (core/message.ts), so `priority` is always a need priority and `indicators` always
 * screening indicators. Parameters not named here (counts, hours, dates, ids) are shown as they are.
 */
export const PARAM_VOCABULARIES: Readonly<Record<string, string>> = {
  needKind: 'casework:vocab.needKind',
  priority: 'casework:vocab.needPriority',
  raisedFrom: 'casework:vocab.needPriority',
  boosts: 'server:vocab.boost',
  indicators: 'casework:vocab.indicator',
  strongIndicators: 'casework:vocab.indicator',
  mediumIndicators: 'casework:vocab.indicator',
  involuntaryIndicators: 'casework:vocab.indicator',
  coerciveIndicators: 'casework:vocab.indicator',
  risk: 'casework:vocab.risk',
  currentRisk: 'casework:vocab.risk',
  baseRisk: 'casework:vocab.risk',
  compoundStatus: 'server:vocab.compoundStatus',
  afterStatus: 'server:vocab.afterStatus',
  effect: 'server:compounds.reason',
  operatorRole: 'monitoring:operatorRole',
};

type Translate = ReturnType<typeof useTranslation>['t'];

function word(t: Translate, name: string, value: string): string {
  const family = PARAM_VOCABULARIES[name];
  return family ? t(`${family}.${value}`, { defaultValue: value.replaceAll('_', ' ') }) : value;
}

function wordParam(t: Translate, name: string, value: MessageParam): string | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return word(t, name, value);
  const items = value.map((v) => word(t, name, v));
  try {
    return new Intl.ListFormat(LANGUAGE_TAGS[currentLanguage()], { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/**
 * A server message in the reader's language; the English sentence the server sent beside it when
 * there is no message (older rows, older servers) or the key is unknown here.
 */
export function serverText(t: Translate, m: Message | null | undefined, english: string): string {
  if (!m) return english;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(m.params)) values[name] = wordParam(t, name, value);
  // i18next's plural forms read `count`: a message with a count names it so.
  return t(m.key, { ns: 'server', ...values, defaultValue: english });
}

/** serverText bound to the current language, for components. */
export function useServerText(): (m: Message | null | undefined, english: string) => string {
  const { t } = useTranslation();
  return useCallback((m, english) => serverText(t, m, english), [t]);
}
