import type { DemoStep } from './load.ts';

/** Demo data for casework, loaded after organisations, users and survivors. */
export const caseworkSteps: readonly DemoStep[] = [];
