/** Casework API contracts (zod 4), shared by the server routes and the web pages. */
export * from './fields.ts';
export * from './survivors.ts';
export * from './cases.ts';
export * from './triage.ts';
export * from './referrals.ts';
export * from './consular.ts';
export * from './coordination.ts';
export * from './followups.ts';
export * from './alerts.ts';
export * from './referral-exchange.ts';
export * from './compound-links.ts';
