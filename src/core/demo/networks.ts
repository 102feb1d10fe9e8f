/**
 * The demo's network: fictional people, companies, a wallet and a sanction in FollowTheMoney form, so the Networks
 * page has something to show on `npm start`. Every name is invented and every entity says so in its notes; the
 * sanctioning authority is fictional too. The company names are the demo compounds' fictional operators, so
 * screening the compounds raises a sanctions hit.
 */
import type { FtmEntity } from '../networks/ftm.ts';

export const DEMO_NETWORK_DATASET = 'refuge_demo';
const NOTE = 'Fictional demo entity: not a real person or company.';

type Raw = Omit<FtmEntity, 'caption' | 'datasets'>;
const p = (id: string, schema: string, properties: Record<string, string[]>): Raw => ({
  id,
  schema,
  properties:
    schema === 'Person' || schema === 'Company' || schema === 'CryptoWallet'
      ? { ...properties, notes: [NOTE] }
      : properties,
});

export const DEMO_NETWORK: readonly Raw[] = [
  p('demo-person-boss', 'Person', {
    name: ['Quon Ravelle'],
    alias: ['龚拉维', 'Gong Lawei'],
    birthDate: ['1979-04-02'],
    nationality: ['kh'],
    topics: ['sanction'],
  }),
  p('demo-person-sibling', 'Person', { name: ['Mirel Ravelle'], birthDate: ['1983-09-17'], nationality: ['kh'] }),
  p('demo-person-fixer', 'Person', { name: ['Tobin Arkwade'], alias: ['Tobi Arkwade'], nationality: ['ph'] }),
  p('demo-company-fortune', 'Company', {
    name: ['Golden Fortune Development Co., Ltd.'],
    jurisdiction: ['kh'],
    registrationNumber: ['DEMO-00017'],
    topics: ['sanction'],
  }),
  p('demo-company-seacrest', 'Company', { name: ['Sea Crest Property Management'], jurisdiction: ['kh'] }),
  p('demo-company-holding', 'Company', { name: ['Ravelle Lantern Holdings'], jurisdiction: ['vg'] }),
  p('demo-wallet-1', 'CryptoWallet', {
    publicKey: ['TDemoWa11etFict10nalAddre55xxxxxx'],
    currency: ['USDT'],
    holder: ['demo-person-boss'],
  }),
  p('demo-own-1', 'Ownership', { owner: ['demo-person-boss'], asset: ['demo-company-holding'], percentage: ['80'] }),
  p('demo-own-2', 'Ownership', {
    owner: ['demo-company-holding'],
    asset: ['demo-company-fortune'],
    percentage: ['100'],
  }),
  p('demo-dir-1', 'Directorship', {
    director: ['demo-person-fixer'],
    organization: ['demo-company-seacrest'],
    role: ['director'],
  }),
  p('demo-family-1', 'Family', {
    person: ['demo-person-boss'],
    relative: ['demo-person-sibling'],
    relationship: ['sibling'],
  }),
  p('demo-assoc-1', 'Associate', {
    person: ['demo-person-boss'],
    associate: ['demo-person-fixer'],
    relationship: ['business associate'],
  }),
  p('demo-sanction-1', 'Sanction', {
    entity: ['demo-person-boss'],
    authority: ['Fictional Office of Demo Sanctions'],
    program: ['DEMO-SCAM-1'],
    startDate: ['2025-10-14'],
  }),
  p('demo-sanction-2', 'Sanction', {
    entity: ['demo-company-fortune'],
    authority: ['Fictional Office of Demo Sanctions'],
    program: ['DEMO-SCAM-1'],
    startDate: ['2025-10-14'],
  }),
];

/** Demo compound operators linked to entities by hand (a person's decision, stated here). */
export const DEMO_COMPOUND_LINKS: readonly { compoundKey: string; entityId: string; role: 'owner' | 'operator' }[] = [
  { compoundKey: 'golden-fortune-park', entityId: 'demo-company-fortune', role: 'operator' },
  { compoundKey: 'jinding-gardens', entityId: 'demo-company-seacrest', role: 'operator' },
];
