import { describe, expect, it } from 'vitest';
import { deathFigures, deathReportProblem } from './deaths.ts';

describe('deaths', () => {
  it('counts exactly for the own organisation and suppresses small cells across organisations', () => {
    expect(deathFigures({ after_exit: 2 }, 'exact')).toEqual({ inCompound: 0, afterExit: 2, total: 2 });
    expect(deathFigures({ after_exit: 2 }, 'suppressed')).toEqual({
      inCompound: 0,
      afterExit: 'suppressed',
      total: 'suppressed',
    });
    // One small cell beside a large one: the total would give it away, so a complement is hidden too.
    const mixed = deathFigures({ after_exit: 30, in_compound: 3 }, 'suppressed');
    expect(mixed.inCompound).toBe('suppressed');
    expect([mixed.afterExit, mixed.total]).toContain('suppressed');
    expect(deathFigures({ after_exit: 11, in_compound: 12 }, 'suppressed')).toEqual({
      inCompound: 12,
      afterExit: 11,
      total: 23,
    });
  });

  it('a death in a compound names the compound and no survivor record', () => {
    expect(deathReportProblem({ context: 'in_compound', compoundId: null, survivorId: null })).toMatch(/compound/);
    expect(deathReportProblem({ context: 'in_compound', compoundId: 'c', survivorId: 's' })).toMatch(/survivor/);
    expect(deathReportProblem({ context: 'after_exit', compoundId: null, survivorId: 's' })).toBeNull();
  });
});
