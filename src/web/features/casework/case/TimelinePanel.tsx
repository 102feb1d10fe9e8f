import { useTranslation } from 'react-i18next';
import type { TimelineEntryView } from '../../../../contracts/casework/index.ts';
import { useDates } from '../components/dates.ts';
import { useVocab, type VocabFamily } from '../components/vocab.ts';
import { CasePanel } from './Panel.tsx';

type Translate = ReturnType<typeof useTranslation>['t'];
type Vocab = ReturnType<typeof useVocab>;

/**
 * One audience-appropriate line from the entry's kind and params (the server never sends a
 * sentence with someone's words in it). Organisation names come only from `organisationNames`,
 * which the server fills where the disclosure view allows; entries without params (written
 * before timelines were structured) read as their kind.
 */
export function timelineLine(t: Translate, v: Vocab, e: TimelineEntryView): string {
  const p = e.params;
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const vv = (family: VocabFamily, k: string) => v(family, s(k) ?? '');
  const org = () => {
    const id = s('organisationId');
    return (id && e.organisationNames[id]) || t('timeline.line.another_organisation');
  };
  const line = (key: string, values: Record<string, unknown> = {}) => t(`timeline.line.${key}`, values);
  switch (e.kind) {
    case 'opened':
      return s('risk') ? line('opened', { risk: vv('risk', 'risk') }) : v('timelineKind', e.kind);
    case 'status_changed':
      return s('from') && s('to')
        ? line('status_changed', { from: vv('caseStatus', 'from'), to: vv('caseStatus', 'to') })
        : v('timelineKind', e.kind);
    case 'assignment_changed':
      return line(p.assigned === false ? 'unassigned' : 'assigned');
    case 'risk_changed': {
      if (!s('from') || !s('to')) return v('timelineKind', e.kind);
      const base = line('risk_changed', { from: vv('risk', 'from'), to: vv('risk', 'to') });
      return s('cause')
        ? line('risk_cause', {
            line: base,
            cause: t(`timeline.line.cause.${s('cause')}`, { defaultValue: s('cause') }),
          })
        : base;
    }
    case 'screening_recorded':
      return s('outcome')
        ? line('screening_recorded', { outcome: vv('outcome', 'outcome'), yes: p.yes })
        : v('timelineKind', e.kind);
    case 'need_added':
      return s('need')
        ? line('need_added', { need: vv('needKind', 'need'), priority: vv('needPriority', 'priority') })
        : v('timelineKind', e.kind);
    case 'need_updated': {
      if (!s('need')) return v('timelineKind', e.kind);
      const changes = [
        s('status') ? line('need_status', { status: vv('needStatus', 'status') }) : null,
        s('priority') ? line('need_priority', { priority: vv('needPriority', 'priority') }) : null,
      ]
        .filter(Boolean)
        .join(', ');
      return line('need_updated', { need: vv('needKind', 'need'), changes });
    }
    case 'referral_sent':
      return line(p.override === true ? 'referral_override' : 'referral_sent', { organisation: org() });
    case 'referral_updated':
      return s('state')
        ? line('referral_updated', { organisation: org(), state: vv('referralState', 'state') })
        : v('timelineKind', e.kind);
    case 'referral_frozen':
      return line(p.frozen === false ? 'referral_thawed' : 'referral_frozen', { organisation: org() });
    case 'consent_changed':
      return p.version !== undefined ? line('consent_changed', { version: p.version }) : v('timelineKind', e.kind);
    case 'follow_up':
      if (s('alert')) return line('alert_raised', { alert: vv('alertKind', 'alert') });
      return s('outcome') ? line('check_in', { outcome: vv('followUpOutcome', 'outcome') }) : v('timelineKind', e.kind);
    case 'note':
      return line('note');
    case 'attachment_added':
      return s('contentType')
        ? line('attachment_added', { contentType: s('contentType'), size: p.size })
        : v('timelineKind', e.kind);
    case 'consular_step': {
      const steps = [
        s('emergencyDocument')
          ? line('consular_document', { status: vv('emergencyDocument', 'emergencyDocument') })
          : null,
        s('exitClearance') ? line('consular_exit', { status: vv('exitClearance', 'exitClearance') }) : null,
        s('flightNumber')
          ? line(p.groupSize ? 'consular_group' : 'consular_flight', {
              flight: s('flightNumber'),
              date: s('flightDate'),
              n: p.groupSize,
            })
          : null,
        p.flightCancelled ? line('consular_cancelled') : null,
        p.repatriated ? line('consular_repatriated') : null,
      ].filter(Boolean);
      return steps.length ? line('consular', { steps: steps.join('; ') }) : v('timelineKind', e.kind);
    }
    default:
      return v('timelineKind', e.kind);
  }
}

/** Everything that happened to the case, newest first. */
export function TimelinePanel({ entries }: { entries: TimelineEntryView[] }) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  return (
    <CasePanel id="timeline" title={t('timeline.title')}>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.none')}</p>
      ) : (
        <ol className="cw-timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <span className="cw-timeline-kind">{v('timelineKind', e.kind)}</span>
              <span className="cw-timeline-summary">{timelineLine(t, v, e)}</span>
              {e.detail && <span className="cw-timeline-detail small">{e.detail}</span>}
              <time className="small muted" dateTime={e.at}>
                {dates.dateTime(e.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </CasePanel>
  );
}
