import type { DemoStep } from './load.ts';

/** Demo data for monitoring, loaded after organisations, users and survivors. */
export const monitoringSteps: readonly DemoStep[] = [];
