/**
 * Background jobs of networks. `networks.import`: an uploaded FtM JSON-lines file (kept in the blob store) imported
 * as the uploader, with progress by line; a job picked up again after its process died resumes from the import's
 * checkpoint. After the import, compound operators are screened again.
 */
import { Readable } from 'node:stream';
import type { JobHandler } from '../jobs.service.ts';
import { importEntities, linesOf } from './import.service.ts';
import { rescreenCompounds } from './compound-screening.service.ts';

export interface ImportJobPayload {
  blob: string;
  dataset: string;
  source: string;
}

export const networksJobs: Record<string, JobHandler> = {
  'networks.import': async (job, { app, progress, creator }) => {
    const p = job.payload as ImportJobPayload;
    const actor = await creator();
    if (!actor) throw new Error('the uploader is no longer a member of the organisation');
    const bytes = await app.blobs.get(p.blob);
    if (!bytes) throw new Error('the uploaded file is gone');
    const lines = linesOf(() => Readable.from([Buffer.from(bytes)]));
    const summary = await importEntities(app, actor, lines, {
      dataset: p.dataset,
      source: p.source,
      resume: true,
      onProgress: (s) => progress({ phase: 'importing', done: s.line }),
    });
    await progress({ phase: 'screening compounds', done: summary.lines });
    const screening = await rescreenCompounds(app, null);
    return { ...summary, screening };
  },
};
