/**
 * Deaths reported in a compound or after exit (issue #10): restricted events. A report is the recording
 * organisation's alone (row-level security; details encrypted): who died is never shown to another organisation, a
 * monitor or the public. Across organisations deaths exist only as counts, by context, through the suppression code
 * (k = 11): a coordination organisation's dashboard and the compound's casework counts.
 *
 * Who may record and read them follows the permission table (resource `death`): those who meet survivors
 * (caseworkers, medics, consular officers, administrators) record deaths after exit and those reported to them in a
 * compound; analysts of a monitor organisation record deaths their sources report inside a compound. Counts of deaths
 * are not limited to people who consented to statistics (the dead cannot consent); they carry no nationality, sex or
 * age below the suppressed total by context.
 */
import { suppressOneWay, type PublishedCount } from '../statistics/suppression.ts';

export const DEATH_CONTEXTS = ['in_compound', 'after_exit'] as const;
export type DeathContext = (typeof DEATH_CONTEXTS)[number];

export interface DeathFigures {
  inCompound: PublishedCount;
  afterExit: PublishedCount;
  total: PublishedCount;
}

/** Counts by context: exact for an organisation's own reports, suppressed as one line across organisations. */
export function deathFigures(
  counts: Partial<Record<DeathContext, number>>,
  disclosure: 'exact' | 'suppressed',
): DeathFigures {
  const cells = DEATH_CONTEXTS.map((c) => counts[c] ?? 0);
  if (disclosure === 'exact') return { inCompound: cells[0]!, afterExit: cells[1]!, total: cells[0]! + cells[1]! };
  const t = suppressOneWay(cells);
  return { inCompound: t.cells[0]!, afterExit: t.cells[1]!, total: t.total };
}

/** A report of a death in a compound names the compound; after exit it may name the organisation's own survivor. */
export function deathReportProblem(r: {
  context: DeathContext;
  compoundId: string | null;
  survivorId: string | null;
}): string | null {
  if (r.context === 'in_compound' && !r.compoundId) return 'a death in a compound names the compound';
  if (r.context === 'in_compound' && r.survivorId) return 'a death in a compound is not linked to a survivor record';
  return null;
}
