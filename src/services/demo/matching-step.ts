import type { DemoStep } from './load.ts';

/** Demo data for matching, loaded after organisations, users and survivors. */
export const matchingSteps: readonly DemoStep[] = [];
