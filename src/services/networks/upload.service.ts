/** An FtM file uploaded through the API: kept in the blob store, then imported by a `networks.import` job. */
import { ANALYST_DATASET } from '../../core/networks/hand-edits.ts';
import { sha256Hex } from '../../db/blob-store.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid } from '../errors.ts';
import { enqueue } from '../jobs.service.ts';
import { authoriseNetworks } from './access.service.ts';
import type { ImportJobPayload } from './jobs.service.ts';

export async function startUploadImport(
  app: AppContext,
  actor: RequestActor,
  dataset: string,
  body: Uint8Array,
): Promise<string> {
  authoriseNetworks(actor, 'create');
  if (dataset === ANALYST_DATASET)
    throw invalid({ dataset: `"${ANALYST_DATASET}" holds hand edits; no import may use it` }, 'choose another dataset');
  if (body.length === 0)
    throw invalid({ body: 'empty' }, 'the upload is empty: send the FtM JSON-lines file as the body');
  const blob = sha256Hex(body);
  await app.blobs.put(blob, body);
  const payload: ImportJobPayload = { blob, dataset, source: `upload:${blob}` };
  return enqueue(app, actor, 'networks.import', payload);
}
