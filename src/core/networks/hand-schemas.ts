/** What analysts add by hand (core/networks/hand-edits), without the FtM model, so contracts and the UI can name them. */
export const ANALYST_DATASET = 'refuge-analysts';

/** The schemata an analyst may create: parties, wallets, sanctions and the usual relations between them. */
export const HAND_SCHEMAS = [
  'Person',
  'Company',
  'Organization',
  'LegalEntity',
  'CryptoWallet',
  'Address',
  'Sanction',
  'Ownership',
  'Directorship',
  'Employment',
  'Family',
  'Associate',
  'Membership',
  'Representation',
  'UnknownLink',
] as const;
export type HandSchema = (typeof HAND_SCHEMAS)[number];
