import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { currentOrganisation, useSession } from '../../session.ts';
import { sectionsFor, type Section } from '../../../core/permissions/seats.ts';
import { can, REGISTERING_KINDS } from '../../../core/permissions/matrix.ts';
import type { OrganisationKind } from '../../../core/vocabulary.ts';
import './casework.css';

const RegisterPage = lazy(() => import('./pages/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));
const CaseListPage = lazy(() => import('./pages/CaseListPage.tsx').then((m) => ({ default: m.CaseListPage })));
const CasePage = lazy(() => import('./case/CasePage.tsx').then((m) => ({ default: m.CasePage })));
const TriagePage = lazy(() => import('./pages/TriagePage.tsx').then((m) => ({ default: m.TriagePage })));
const ReferralsPage = lazy(() => import('./pages/ReferralsPage.tsx').then((m) => ({ default: m.ReferralsPage })));
const ConsularPage = lazy(() => import('./pages/ConsularPage.tsx').then((m) => ({ default: m.ConsularPage })));
const CoordinationPage = lazy(() =>
  import('./pages/CoordinationPage.tsx').then((m) => ({ default: m.CoordinationPage })),
);
const HelpRequestsPage = lazy(() =>
  import('./pages/HelpRequestsPage.tsx').then((m) => ({ default: m.HelpRequestsPage })),
);
const TracingPage = lazy(() => import('./pages/TracingPage.tsx').then((m) => ({ default: m.TracingPage })));
const CapacityPage = lazy(() => import('./pages/CapacityPage.tsx').then((m) => ({ default: m.CapacityPage })));
const FollowUpsPage = lazy(() => import('./pages/FollowUpsPage.tsx').then((m) => ({ default: m.FollowUpsPage })));

const PAGES: Record<Section, React.ComponentType> = {
  register: RegisterPage,
  cases: CaseListPage,
  triage: TriagePage,
  referrals: ReferralsPage,
  consular: ConsularPage,
  capacity: CapacityPage,
  coordination: CoordinationPage,
  followups: FollowUpsPage,
};

/** /casework/*: the pages that fit the current organisation kind and roles, under a row of tabs. */
export function CaseworkPage() {
  const { t } = useTranslation('casework');
  const session = useSession();
  const org = currentOrganisation(session.data);
  const sections = sectionsFor(org);
  if (sections.length === 0) {
    return (
      <EmptyState title={t('title')} headingLevel={1}>
        <p>{t('noSections')}</p>
      </EmptyState>
    );
  }
  // Embassies open survivors' cases from the consular queue (access "embassy").
  const caseReadable = sections.includes('cases') || sections.includes('consular') || sections.includes('triage');
  // Tracing (core/tracing): organisations that meet survivors, roles that may read tracing requests.
  const tracing =
    org !== undefined &&
    REGISTERING_KINDS.includes(org.kind as OrganisationKind) &&
    can(org.roles, 'read', 'tracing') &&
    caseReadable;
  return (
    <div className="cw">
      <nav className="cw-tabs" aria-label={t('sectionsLabel')}>
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <NavLink to={`/casework/${s}`} data-section={s}>
                {t(`sections.${s}`)}
              </NavLink>
            </li>
          ))}
          {caseReadable && (
            <li>
              <NavLink to="/casework/help-requests" data-section="help-requests">
                {t('help.title')}
              </NavLink>
            </li>
          )}
          {tracing && (
            <li>
              <NavLink to="/casework/tracing" data-section="tracing">
                {t('tracing.title')}
              </NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Suspense fallback={<LoadingState />}>
        <Routes>
          <Route index element={<Navigate to={`/casework/${sections[0]}`} replace />} />
          {sections.map((s) => {
            const Page = PAGES[s];
            return <Route key={s} path={s} element={<Page />} />;
          })}
          {caseReadable && <Route path="cases/:caseId" element={<CasePage />} />}
          {caseReadable && <Route path="help-requests" element={<HelpRequestsPage />} />}
          {tracing && <Route path="tracing" element={<TracingPage />} />}
          <Route
            path="*"
            element={
              <EmptyState title={t('notHere')} headingLevel={1}>
                <p>{t('notHereBody')}</p>
              </EmptyState>
            }
          />
        </Routes>
      </Suspense>
    </div>
  );
}
