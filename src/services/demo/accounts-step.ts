import { insertMembership, insertOrganisation, insertUser } from '../../db/repositories/accounts.repository.ts';
import type { DemoStep } from './load.ts';

export const organisationsStep: DemoStep = {
  name: 'organisations',
  async run({ app, trx, scenario, ids }) {
    for (const o of scenario.organisations) {
      const id = app.newId();
      ids.organisations.set(o.key, id);
      await insertOrganisation(trx, {
        id,
        slug: o.key,
        name: o.name,
        kind: o.kind,
        nationalitiesServed: o.nationalitiesServed,
        city: o.city,
        requireTotp: false,
        isDemo: true,
      });
    }
    return scenario.organisations.length;
  },
};

export const usersStep: DemoStep = {
  name: 'users',
  async run({ app, trx, scenario, ids, passwordHash }) {
    for (const u of scenario.users) {
      const id = app.newId();
      ids.users.set(u.key, id);
      // Demo accounts are exempt from a required second factor so a newcomer can look around.
      await insertUser(trx, {
        id,
        email: u.email,
        displayName: u.displayName,
        passwordHash,
        locale: u.locale,
        totpExempt: true,
        isDemo: true,
      });
      for (const m of u.memberships) await insertMembership(trx, id, ids.organisations.get(m.orgKey)!, m.role);
    }
    return scenario.users.length;
  },
};
