/**
 * What happened at each demo compound, in days relative to the day the demo is loaded, chosen so
 * that the map shows every status and the alert list every monitoring alert kind:
 * emptied after a mass exit, a raid with nothing to show for it followed by activity (theatre),
 * a relocation, a neighbour first reported soon after a site was emptied, and sites nobody knows about.
 */
import type { EventKind } from '../../core/vocabulary.ts';
import type { Confidence, EventCounts } from '../../core/compounds/compound-types.ts';

export interface DemoEventScript {
  kind: EventKind;
  day: number;
  confidence: Confidence;
  counts?: EventCounts;
  nationalities?: string[];
  statesEmptied?: boolean;
  relocatedTo?: string;
  description: string;
}

export const DEMO_EVENT_SCRIPTS: Readonly<Record<string, readonly DemoEventScript[]>> = {
  // Mass exit, then silence: emptied (mass_exit alert, critical).
  'copperleaf-bay-park': [
    {
      kind: 'operating',
      day: -300,
      confidence: 'high',
      description: 'Satellite imagery shows new dormitory blocks and parked buses.',
    },
    {
      kind: 'mass_exit',
      day: -45,
      confidence: 'high',
      counts: { peopleLeaving: 1185 },
      nationalities: ['ID', 'VN', 'CN', 'PH'],
      description: 'Hundreds seen leaving on foot over three days.',
    },
  ],
  'jinding-gardens': [
    { kind: 'operating', day: -400, confidence: 'high', description: 'Survivor accounts describe quotas and fines.' },
    { kind: 'operating', day: -60, confidence: 'medium', description: 'Lights on in all blocks at night.' },
  ],
  // A raid with rescues and arrests on record: raided, no alert.
  'ocean-pearl': [
    { kind: 'operating', day: -200, confidence: 'high', description: 'Guards at the port-road gate.' },
    {
      kind: 'raid',
      day: -100,
      confidence: 'high',
      counts: { rescues: 35, arrests: 12 },
      nationalities: ['TH', 'MM'],
      description: 'Police operation; 35 people taken to a shelter.',
    },
  ],
  // Raid without rescues, then activity within 60 days: reactivated (raid_without_rescues + possible_theatre_raid).
  'phoenix-bay': [
    { kind: 'operating', day: -300, confidence: 'high', description: 'Construction of perimeter wall completed.' },
    {
      kind: 'raid',
      day: -150,
      confidence: 'high',
      description: 'Announced raid; no one reported rescued or arrested.',
    },
    {
      kind: 'operating',
      day: -120,
      confidence: 'high',
      nationalities: ['ID'],
      description: 'Workers seen returning with luggage.',
    },
  ],
  // Recent mass exit, silence not yet long enough: mass_exit.
  'blue-lotus-park': [
    { kind: 'operating', day: -250, confidence: 'high', description: 'Recruitment adverts name the park.' },
    {
      kind: 'mass_exit',
      day: -10,
      confidence: 'high',
      counts: { peopleLeaving: 600 },
      nationalities: ['VN', 'CN'],
      description: 'Crowds at the border crossing after power was cut.',
    },
  ],
  // Known relocation to another compound: relocated (no "possible" alert for the known destination).
  'crown-star-plaza': [
    { kind: 'operating', day: -300, confidence: 'high', description: 'Casino floor open; office floors locked.' },
    {
      kind: 'relocation',
      day: -90,
      confidence: 'medium',
      relocatedTo: 'northern-gate',
      description: 'Trucks moved equipment north; workers say the team moved to the border hotel.',
    },
  ],
  'fortune-horse-plaza': [],
  // Official statement that the site is empty; a neighbour first reported 50 days later (possible_relocation).
  'dragon-gate-park': [
    {
      kind: 'operating',
      day: -500,
      confidence: 'high',
      description: 'Walked across the border at night, survivors say.',
    },
    {
      kind: 'mass_exit',
      day: -200,
      confidence: 'high',
      statesEmptied: true,
      counts: { peopleLeaving: 300 },
      description: 'Provincial authorities state the park is empty.',
    },
  ],
  'silver-palm': [
    { kind: 'operating', day: -400, confidence: 'high', description: 'Back compound behind the resort.' },
    { kind: 'raid', day: -90, confidence: 'high', description: 'Joint operation at the resort.' },
    {
      kind: 'rescue',
      day: -89,
      confidence: 'medium',
      counts: { rescues: 20 },
      nationalities: ['TH'],
      description: 'Twenty people handed to the embassy.',
    },
  ],
  'lucky-seven-park': [
    { kind: 'operating', day: -150, confidence: 'medium', description: 'Warehouses fitted with call-centre desks.' },
    { kind: 'construction', day: -100, confidence: 'high', description: 'New fencing on imagery.' },
  ],
  'emerald-coast-zone': [
    { kind: 'raid', day: -80, confidence: 'high', description: 'Raid on the riverside buildings.' },
    { kind: 'arrest', day: -79, confidence: 'high', counts: { arrests: 4 }, description: 'Four managers arrested.' },
  ],
  // Two weak reports corroborate each other: operating.
  'cardamom-ridge': [
    { kind: 'operating', day: -90, confidence: 0.3, description: 'Unconfirmed: lights seen at the villas.' },
    { kind: 'operating', day: -85, confidence: 0.4, description: 'A driver reports deliveries to the estate.' },
  ],
  'northern-gate': [
    { kind: 'operating', day: -85, confidence: 'high', description: 'Newly arrived workers at the hotel.' },
  ],
  'bokor-cloud': [{ kind: 'operating', day: -30, confidence: 'medium', description: 'Guards on the mountain road.' }],
  // Raid then explicit reactivation much later: reactivated (raid_without_rescues).
  'riverside-tower': [
    { kind: 'raid', day: -200, confidence: 'high', description: 'Upper floors searched.' },
    { kind: 'reactivation', day: -100, confidence: 'high', description: 'Floors reopened under a new company name.' },
  ],
  'great-harvest-park': [
    { kind: 'operating', day: -300, confidence: 'high', description: 'Walled site off the ring road.' },
    {
      kind: 'mass_exit',
      day: -60,
      confidence: 'medium',
      counts: { peopleLeaving: 300 },
      nationalities: ['KE', 'UG', 'NG'],
      description: 'Mass exit posted on social media.',
    },
  ],
  'jade-river-estate': [
    { kind: 'operating', day: -100, confidence: 'medium', description: 'Plantation buildings occupied.' },
    { kind: 'abuse', day: -50, confidence: 'medium', description: 'Testimony of beatings.' },
  ],
  // Only a death reported: status stays unknown.
  'western-hills-farm': [
    {
      kind: 'death',
      day: -70,
      confidence: 'low',
      counts: { deaths: 1 },
      description: 'A death reported by a relative, unconfirmed.',
    },
  ],
  'mekong-star-garden': [
    { kind: 'operating', day: -365, confidence: 'high', description: 'Blacked-out windows.' },
    { kind: 'raid', day: -45, confidence: 'high', description: 'Raid at dawn.' },
    {
      kind: 'rescue',
      day: -45,
      confidence: 'high',
      counts: { rescues: 60 },
      nationalities: ['CN', 'MY'],
      description: 'Sixty people rescued.',
    },
  ],
  'new-city-block-c': [{ kind: 'construction', day: -20, confidence: 'medium', description: 'New block fitted out.' }],
};
