/** core/disclosure: one disclosure view per audience (views.ts), the location rule and the referral person view. */
export * from './views.ts';
export * from './location.ts';
export * from './referral-person.ts';
export * from './referral-thread.ts';
export * from './receiver-care.ts';
