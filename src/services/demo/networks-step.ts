import { DEMO_COMPOUND_LINKS, DEMO_NETWORK, DEMO_NETWORK_DATASET } from '../../core/demo/networks.ts';
import { isScreenable, parseFtmLine, referencesOf, screenFieldsOf } from '../../core/networks/ftm.ts';
import { sanctionsHits } from '../../core/networks/sanctions-hits.ts';
import { ScreenIndex } from '../../core/networks/screen-index.ts';
import { listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { storeSanctionsHits } from '../networks/compound-screening.service.ts';
import {
  clearImportSeen,
  linkCompoundEntity,
  upsertEntities,
} from '../../db/repositories/networks/entities.repository.ts';
import { createImport, finishImport } from '../../db/repositories/networks/imports.repository.ts';
import type { DemoStep } from './load.ts';

/**
 * The demo's fictional network (core/demo/networks.ts), imported as one finished import of its own dataset, with two
 * compound operators linked, and the compounds screened against it (in the loader's transaction) so the sanctions hit
 * alerts are there from the start.
 */
export const networksSteps: readonly DemoStep[] = [
  {
    name: 'networks',
    async run({ app, trx, ids }) {
      const at = app.now().toISOString();
      const importId = app.newId();
      await createImport(trx, {
        id: importId,
        dataset: DEMO_NETWORK_DATASET,
        source: 'demo',
        at,
        createdBy: null,
        isDemo: true,
      });
      const writes = DEMO_NETWORK.map((raw) => {
        const parsed = parseFtmLine(JSON.stringify(raw), DEMO_NETWORK_DATASET);
        if (parsed.ok !== true) throw new Error(`demo entity ${raw.id} is not valid FtM`);
        return { entity: parsed.entity, refs: referencesOf(parsed.entity) };
      });
      await upsertEntities(trx, writes, { dataset: DEMO_NETWORK_DATASET, importId, at, createdBy: null, isDemo: true });
      await finishImport(trx, importId, { status: 'finished', disappeared: 0, at });
      await clearImportSeen(trx, importId);
      for (const link of DEMO_COMPOUND_LINKS) {
        const compoundId = ids.compounds.get(link.compoundKey);
        if (compoundId)
          await linkCompoundEntity(trx, {
            compoundId,
            entityId: link.entityId,
            role: link.role,
            at,
            createdBy: null,
            isDemo: true,
          });
      }
      const index = new ScreenIndex();
      for (const { entity: e } of writes)
        if (isScreenable(e.schema))
          index.add({ id: e.id, schema: e.schema, caption: e.caption, datasets: e.datasets, ...screenFieldsOf(e) });
      const compounds = await listAllCompounds(trx);
      const hits = sanctionsHits(
        compounds.map((c) => ({ id: c.id, name: c.names[0]?.name ?? c.id, operators: c.operators })),
        (operator) => index.screen({ name: operator.name, schema: 'LegalEntity' }, { limit: 5 }),
      );
      await storeSanctionsHits(trx, app, hits);
      return writes.length + hits.length;
    },
  },
];
