import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { SuppressionNote } from '../../../components/SuppressionNote.tsx';
import { useNeedsAgainstCapacity, useNoConsularPath } from '../casework-api.ts';

/**
 * Coordination: people with open needs per area and category against published capacity (other organisations'
 * people at k or more only), with a suggested target where there is room; and consenting survivors whom no
 * consular service covers, counted per nationality.
 */
export function NeedsCapacityPanel() {
  const { t } = useTranslation('casework');
  const fmt = useFormat();
  const needs = useNeedsAgainstCapacity();
  const noPath = useNoConsularPath();
  return (
    <>
      <h2>{t('needsCapacity.title')}</h2>
      {needs.isPending ? (
        <LoadingState />
      ) : needs.isError ? (
        <ErrorState error={needs.error} onRetry={() => void needs.refetch()} />
      ) : (
        <>
          <p className="muted small">{t('needsCapacity.intro')}</p>
          <SuppressionNote minimumCell={needs.data.minimumCell} />
          {needs.data.rows.length === 0 ? (
            <p>{t('needsCapacity.empty')}</p>
          ) : (
            <div className="cw-scroll">
              <table className="cw-table" data-testid="needs-capacity">
                <thead>
                  <tr>
                    <th scope="col">{t('needsCapacity.area')}</th>
                    <th scope="col">{t('needsCapacity.category')}</th>
                    <th scope="col">{t('needsCapacity.people')}</th>
                    <th scope="col">{t('needsCapacity.capacity')}</th>
                    <th scope="col">{t('needsCapacity.suggested')}</th>
                  </tr>
                </thead>
                <tbody>
                  {needs.data.rows.map((r) => (
                    <tr key={`${r.area}/${r.category}`} data-area={r.area} data-category={r.category}>
                      <th scope="row">{r.area}</th>
                      <td>{t(`needsCapacity.categories.${r.category}`)}</td>
                      <td data-column="people">{fmt.count(r.others)}</td>
                      <td data-column="capacity">
                        {r.capacity}
                        {r.stale > 0 ? ` · ${t('needsCapacity.stale', { count: r.stale })}` : ''}
                      </td>
                      <td>{r.suggested?.name ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <h2>{t('noPath.title')}</h2>
      <p className="muted small">{t('noPath.intro')}</p>
      {noPath.isPending ? (
        <LoadingState />
      ) : noPath.isError ? (
        <ErrorState error={noPath.error} onRetry={() => void noPath.refetch()} />
      ) : noPath.data.byNationality.length === 0 ? (
        <p data-testid="no-path-empty">{t('noPath.empty')}</p>
      ) : (
        <table className="cw-table" data-testid="no-path">
          <thead>
            <tr>
              <th scope="col">{t('coordination.nationality')}</th>
              <th scope="col">{t('noPath.people')}</th>
            </tr>
          </thead>
          <tbody>
            {noPath.data.byNationality.map((r) => (
              <tr key={r.nationality} data-nationality={r.nationality}>
                <th scope="row">
                  {r.nationality === 'multiple' || r.nationality === 'unknown'
                    ? t(`noPath.${r.nationality}`)
                    : fmt.nationality(r.nationality)}
                </th>
                <td>{fmt.count(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
