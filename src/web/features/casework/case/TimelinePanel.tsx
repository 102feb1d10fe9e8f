import { useTranslation } from 'react-i18next';
import type { TimelineEntryView } from '../../../../contracts/casework/index.ts';
import { useDates } from '../components/dates.ts';
import { useVocab } from '../components/vocab.ts';
import { CasePanel } from './Panel.tsx';

/** Everything that happened to the case, newest first. */
export function TimelinePanel({ entries }: { entries: TimelineEntryView[] }) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  return (
    <CasePanel id="timeline" title={t('timeline.title')}>
      {entries.length === 0 ? <p className="muted">{t('timeline.none')}</p> : (
        <ol className="cw-timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <span className="cw-timeline-kind">{v('timelineKind', e.kind)}</span>
              <span className="cw-timeline-summary">{e.summary}</span>
              <time className="small muted" dateTime={e.at}>{dates.dateTime(e.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </CasePanel>
  );
}
