import type { PublishedCount } from '../../../contracts/statistics.ts';
import { AGE_BANDS, SEXES } from '../../../core/vocabulary.ts';
import type { Section } from '../../../core/permissions/seats.ts';

/** What one figure counts, on top of the page's filters. */
export interface Figure {
  status?: string;
  nationality?: string;
  sex?: string;
  ageBand?: string;
  /** YYYY-MM first registered. */
  month?: string;
}

export interface FigureLinks {
  /** The records behind a survivor figure, or nothing where the viewer may not open them. */
  records(figure: Figure): string | undefined;
  /** The same for one count; nothing for a hidden or zero count (it must stay hidden, or there is nothing to open). */
  count(n: PublishedCount, figure: Figure): string | undefined;
  /** The triage board of one need kind. */
  triage(kind: string): string | undefined;
}

/** A nationality a list can be filtered by (not `multiple`, `unknown` or the pooled `other`). */
const COUNTRY = /^[A-Z]{2}$/;
const listable = (f: Figure) =>
  (f.nationality === undefined || COUNTRY.test(f.nationality)) &&
  (f.sex === undefined || (SEXES as readonly string[]).includes(f.sex)) &&
  (f.ageBand === undefined || (AGE_BANDS as readonly string[]).includes(f.ageBand));

/**
 * Where a dashboard figure leads, decided from what the viewer may open: an organisation's own figures open its case
 * list on the figure's attributes and the page's filters (nationality, sex, age band, month registered); an embassy's
 * figures, about the cases it may see, open its consular queue by nationality and stage; a coordination organisation
 * holds no records, so none of its figures is a link. A figure the list cannot be filtered to (a pooled or unknown
 * nationality, an unknown age) is not a link either.
 */
export function figureLinks(
  sections: readonly Section[],
  scope: 'organisation' | 'all' | 'visible',
  page: URLSearchParams,
): FigureLinks {
  const records = (f: Figure): string | undefined => {
    if (!listable(f)) return undefined;
    if (scope === 'organisation' && sections.includes('cases')) {
      const q = new URLSearchParams();
      const set = (key: string, own: string | undefined, pageKey: string) => {
        const v = own ?? page.getAll(pageKey).join(',');
        if (v) q.set(key, v);
      };
      if (f.status) q.set('status', f.status);
      set('nationality', f.nationality, 'nationality');
      set('sex', f.sex, 'sex');
      set('ageBand', f.ageBand, 'ageBand');
      set('registeredFrom', f.month, 'from');
      set('registeredTo', f.month, 'to');
      const s = q.toString();
      return `/casework/cases${s ? `?${s}` : ''}`;
    }
    if (scope === 'visible' && sections.includes('consular') && f.nationality && !f.sex && !f.ageBand && !f.month) {
      const q = new URLSearchParams({ nationality: f.nationality });
      if (f.status) q.set('status', f.status);
      return `/casework/consular?${q}`;
    }
    return undefined;
  };
  return {
    records,
    count: (n, f) => (typeof n === 'number' && n > 0 ? records(f) : undefined),
    triage: (kind) =>
      scope === 'organisation' && sections.includes('triage') ? `/casework/triage?kind=${kind}` : undefined,
  };
}
