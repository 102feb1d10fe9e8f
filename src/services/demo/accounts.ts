import { DEMO_PASSWORD, DEMO_NOTICE } from '../../core/demo/index.ts';
import { ORGANISATION_KINDS, ROLES } from '../../core/vocabulary.ts';
import { listDemoSignIns, type DemoSignInRow } from '../../db/repositories/accounts.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';
import { deploymentMode } from '../deployment.service.ts';
import { notFound } from '../errors.ts';

export interface DemoAccounts {
  loaded: boolean;
  notice: string;
  password: string | null;
  accounts: { email: string; organisation: string; kind: string; role: string; allRound: boolean }[];
}

// For each kind, the seat that does the kind's work: a caseworker before an analyst at an international organisation,
// the administrator before the viewer at a coordination cell (vocabulary order is the preference).
const byRole = (a: DemoSignInRow, b: DemoSignInRow) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role);

/**
 * A few demo sign-ins to show on the sign-in page: the all-round demo administrator, then one per organisation kind
 * present in the demo (embassy, NGO, shelter, clinic, international organisation, monitor, coordination), so a
 * newcomer can see each kind's screens. Only demo users (fictional, flagged is_demo) are ever listed, and only in a
 * demo deployment.
 */
export async function listDemoAccounts(app: AppContext): Promise<DemoAccounts> {
  // Only a demo deployment publishes its sign-ins; a production one answers 404 as if there were no such page.
  if ((await deploymentMode(app)) !== 'demo') throw notFound('the demo');
  const rows = await asSystem(app.database, listDemoSignIns);
  const accounts: DemoAccounts['accounts'] = [];
  const admin = rows.find((r) => r.email.startsWith('admin@demo') && r.role === 'admin');
  if (admin)
    accounts.push({
      email: admin.email,
      organisation: admin.organisationName,
      kind: admin.organisationKind,
      role: 'admin',
      allRound: true,
    });
  for (const kind of ORGANISATION_KINDS) {
    // The all-round administrator is listed already; each kind gets one of its own staff.
    const seat = rows.filter((r) => r.organisationKind === kind && !r.email.startsWith('admin@demo')).sort(byRole)[0];
    if (seat)
      accounts.push({ email: seat.email, organisation: seat.organisationName, kind, role: seat.role, allRound: false });
  }
  return {
    loaded: rows.length > 0,
    notice: DEMO_NOTICE,
    password: rows.length ? DEMO_PASSWORD : null,
    accounts,
  };
}
