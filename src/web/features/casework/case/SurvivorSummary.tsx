import { useTranslation } from 'react-i18next';
import type { SurvivorView } from '../../../../contracts/casework/index.ts';
import { useFormat } from '../../../components/format.ts';
import { useDates } from '../components/dates.ts';
import { useLanguageNames } from '../components/languages.ts';
import { useVocab } from '../components/vocab.ts';
import { CasePanel } from './Panel.tsx';

/** Who the survivor is, as this organisation may see them. Opening the case was audited (said once, quietly). */
export function SurvivorSummary({ survivor }: { survivor: SurvivorView }) {
  const { t, i18n } = useTranslation('casework');
  const v = useVocab();
  const languageName = useLanguageNames(i18n.language);
  const fmt = useFormat();
  const dates = useDates();
  const rows: [string, React.ReactNode][] = [
    [
      t('survivor.names'),
      <ul className="cw-plain">
        {survivor.names.map((n, i) => (
          <li key={i} lang={n.script === 'Hans' ? 'zh-Hans' : n.script === 'Khmr' ? 'km' : undefined}>
            {n.value}
            {n.preferred && <span className="cw-badge">{t('register.preferred')}</span>}
            {n.romanisation && <span className="muted small"> · {t('register.romanisation')}</span>}
            {n.script && <span className="muted small"> · {t(`scripts.${n.script}`, { defaultValue: n.script })}</span>}
          </li>
        ))}
      </ul>,
    ],
    [t('register.sex'), v('sex', survivor.sex)],
    [
      t('survivor.age'),
      [survivor.dateOfBirth && dates.date(survivor.dateOfBirth), survivor.ageBand && v('ageBand', survivor.ageBand)]
        .filter(Boolean)
        .join(' · ') || '—',
    ],
    [t('register.nationalities'), survivor.nationalities.map(fmt.country).join(', ') || '—'],
    [t('register.languages'), survivor.languages.map(languageName).join(', ') || '—'],
    [
      t('register.contacts'),
      survivor.contacts.length === 0 ? (
        '—'
      ) : (
        <ul className="cw-plain">
          {survivor.contacts.map((c, i) => (
            <li key={i}>
              {v('contactChannel', c.channel)}: <span dir="ltr">{c.value}</span>
            </li>
          ))}
        </ul>
      ),
    ],
    [
      t('register.documentStatus'),
      <span>
        {v('documentStatus', survivor.documentStatus)}
        {survivor.documentNumber && (
          <>
            {' '}
            · <span dir="ltr">{survivor.documentNumber}</span>
          </>
        )}
      </span>,
    ],
    [
      t('register.location'),
      <span>
        {v('locationKind', survivor.locationKind)}
        {survivor.location?.detail && (
          <>
            {' '}
            · <span className="cw-sensitive-text">{survivor.location.detail}</span>
          </>
        )}
        {!survivor.location && <span className="muted small"> · {t('survivor.locationHidden')}</span>}
      </span>,
    ],
    [
      t('register.compound'),
      survivor.compoundLink
        ? `${survivor.compoundLink.name} · ${survivor.compoundLink.country}`
        : survivor.compound
          ? `${survivor.compound} (${t('register.compoundNotInRegistry')})`
          : t('register.compoundUnknown'),
    ],
    [
      t('register.exitMode'),
      `${v('exitMode', survivor.exitMode)}${survivor.exitDate ? ` · ${dates.date(survivor.exitDate)}` : ''}`,
    ],
    [t('survivor.registered'), dates.dateTime(survivor.registeredAt)],
  ];
  return (
    <CasePanel id="survivor" title={t('survivor.title')}>
      <p className="cw-audited small muted" data-testid="audited-note">
        {t('survivor.audited')}
      </p>
      <dl className="cw-facts">
        {rows.map(([k, value]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </CasePanel>
  );
}
