import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BED_GROUPS, type BedGroup } from '../../../../core/capacity/capacity.ts';
import type { NeedKind } from '../../../../core/vocabulary.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { currentOrganisation, useSession } from '../../../session.ts';
import { useCapacity, usePublishCapacity } from '../casework-api.ts';
import { useDates } from '../components/dates.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';

/** Services a shelter or clinic can say it offers (need kinds it can meet). */
const SERVICES: readonly NeedKind[] = ['shelter', 'food', 'medical_urgent', 'medical', 'psychosocial', 'legal'];
type Line = { free: string; total: string };

/**
 * A shelter or clinic says what it can offer now (free beds by group, services, languages); the statement replaces
 * the previous one and is stamped with the time. Below, what every organisation has published, with its age.
 */
export function CapacityPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const dates = useDates();
  const session = useSession();
  const me = currentOrganisation(session.data);
  const list = useCapacity();
  const publish = usePublishCapacity();
  const mine = list.data?.items.find((c) => c.organisationId === me?.id);
  const [beds, setBeds] = useState<Record<BedGroup, Line>>(
    () => Object.fromEntries(BED_GROUPS.map((g) => [g, { free: '', total: '' }])) as Record<BedGroup, Line>,
  );
  const [services, setServices] = useState<NeedKind[]>([]);
  const [languages, setLanguages] = useState('');
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded || !list.data) return;
    setLoaded(true);
    if (!mine) return;
    setBeds((b) => {
      const next = { ...b };
      for (const l of mine.beds) next[l.group] = { free: String(l.free), total: String(l.total) };
      return next;
    });
    setServices(mine.services);
    setLanguages(mine.languages.join(', '));
  }, [list.data, loaded, mine]);
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  function submit(e: FormEvent) {
    e.preventDefault();
    publish.mutate({
      beds: BED_GROUPS.filter((g) => beds[g].total !== '' || beds[g].free !== '').map((g) => ({
        group: g,
        free: Number(beds[g].free || 0),
        total: Number(beds[g].total || 0),
      })),
      services,
      languages: languages
        .split(/[\s,]+/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    });
  }

  return (
    <div>
      <h1>{t('capacity.title')}</h1>
      <p className="muted small">{t('capacity.intro')}</p>
      <form onSubmit={submit} data-testid="capacity-form" className="cw-form">
        <table className="cw-table">
          <thead>
            <tr>
              <th scope="col">{t('capacity.group')}</th>
              <th scope="col">{t('capacity.free')}</th>
              <th scope="col">{t('capacity.total')}</th>
            </tr>
          </thead>
          <tbody>
            {BED_GROUPS.map((g) => (
              <tr key={g}>
                <th scope="row">{t(`capacity.groups.${g}`)}</th>
                {(['free', 'total'] as const).map((k) => (
                  <td key={k}>
                    <input
                      type="number"
                      min={0}
                      max={10000}
                      inputMode="numeric"
                      aria-label={`${t(`capacity.groups.${g}`)} · ${t(`capacity.${k}`)}`}
                      data-testid={`beds-${g}-${k}`}
                      value={beds[g][k]}
                      onChange={(e) => setBeds({ ...beds, [g]: { ...beds[g], [k]: e.target.value } })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <fieldset className="cw-choices">
          <legend>{t('capacity.services')}</legend>
          <div className="cw-chip-row">
            {SERVICES.map((s) => (
              <label key={s} className={`cw-chip${services.includes(s) ? ' cw-chip--on' : ''}`}>
                <input
                  type="checkbox"
                  checked={services.includes(s)}
                  onChange={() =>
                    setServices(services.includes(s) ? services.filter((x) => x !== s) : [...services, s])
                  }
                />
                <span>{v('needKind', s)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="field-capacity-languages">{t('capacity.languages')}</label>
          <p className="field-hint">{t('capacity.languagesHint')}</p>
          <input id="field-capacity-languages" value={languages} onChange={(e) => setLanguages(e.target.value)} />
        </div>
        <ProblemMessage error={publish.error} />
        {publish.isSuccess && (
          <p className="cw-success" role="status">
            {t('capacity.published', { when: dates.dateTime(publish.data.updatedAt) })}
          </p>
        )}
        <button type="submit" className="button" disabled={publish.isPending}>
          {t('capacity.publish')}
        </button>
      </form>
      <h2>{t('capacity.everyone')}</h2>
      <table className="cw-table" data-testid="capacity-list">
        <thead>
          <tr>
            <th scope="col">{t('capacity.organisation')}</th>
            <th scope="col">{t('capacity.area')}</th>
            <th scope="col">{t('capacity.freeBeds')}</th>
            <th scope="col">{t('capacity.services')}</th>
            <th scope="col">{t('capacity.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((c) => (
            <tr key={c.organisationId} data-organisation={c.organisationName}>
              <th scope="row">{c.organisationName}</th>
              <td>{c.area ?? '—'}</td>
              <td>
                {c.beds.length === 0
                  ? '—'
                  : c.beds.map((b) => `${t(`capacity.groups.${b.group}`)} ${b.free}/${b.total}`).join(' · ')}
              </td>
              <td>{c.services.map((s) => v('needKind', s)).join(', ') || '—'}</td>
              <td className={c.stale ? 'cw-warning' : undefined}>
                {dates.dateTime(c.updatedAt)}
                {c.stale ? ` · ${t('capacity.stale')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
