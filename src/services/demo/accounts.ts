import { DEMO_PASSWORD, DEMO_NOTICE } from '../../core/demo/index.ts';
import { listDemoSignIns } from '../../db/repositories/accounts.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';
import { deploymentMode } from '../deployment.service.ts';
import { notFound } from '../errors.ts';

export interface DemoAccounts {
  loaded: boolean;
  notice: string;
  password: string | null;
  accounts: { email: string; organisation: string; kind: string; role: string }[];
}

// The all-round demo administrator is listed first on its own; one more account for each working role.
const SHOWCASE_ROLES = ['caseworker', 'consular_officer', 'medic', 'analyst'] as const;

/**
 * A few demo sign-ins to show on the sign-in page, one per role, so a newcomer can look around.
 * Only demo users (fictional, flagged is_demo) are ever listed, and only in a demo deployment.
 */
export async function listDemoAccounts(app: AppContext): Promise<DemoAccounts> {
  // Only a demo deployment publishes its sign-ins; a production one answers 404 as if there were no such page.
  if ((await deploymentMode(app)) !== 'demo') throw notFound('the demo');
  const rows = await asSystem(app.database, listDemoSignIns);
  const accounts: DemoAccounts['accounts'] = [];
  for (const role of SHOWCASE_ROLES) {
    const preferred =
      rows.find((r) => r.role === role && !r.email.startsWith('admin@demo')) ?? rows.find((r) => r.role === role);
    if (preferred && !accounts.some((a) => a.email === preferred.email))
      accounts.push({
        email: preferred.email,
        organisation: preferred.organisationName,
        kind: preferred.organisationKind,
        role,
      });
  }
  const admin = rows.find((r) => r.email.startsWith('admin@demo') && r.role === 'admin');
  if (admin)
    accounts.unshift({
      email: admin.email,
      organisation: admin.organisationName,
      kind: admin.organisationKind,
      role: 'admin',
    });
  return {
    loaded: rows.length > 0,
    notice: DEMO_NOTICE,
    password: rows.length ? DEMO_PASSWORD : null,
    accounts: accounts.filter((a, i, all) => all.findIndex((b) => b.email === a.email) === i),
  };
}
