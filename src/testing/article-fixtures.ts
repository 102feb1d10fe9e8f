/** Hand-written, fictional article fixtures (no real news text): one story told three ways, two unrelated ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// import.meta.dirname is this folder under node and vitest alike (jsdom tests rewrite import.meta.url).
export const ARTICLE_FIXTURE_DIR = `${join(import.meta.dirname, '..', 'core', 'articles', 'fixtures')}/`;

const read = (name: string) => readFileSync(`${ARTICLE_FIXTURE_DIR}${name}`, 'utf8');

export const FIXTURE_FILES = {
  harbourWire: 'story-a-harbour-wire.txt',
  mekongDaily: 'story-a-mekong-daily.txt',
  translationId: 'story-a-translation-id.txt',
  floodRelief: 'story-b-unrelated.txt',
  casinoCourt: 'story-c-unrelated.txt',
} as const;

export const FIXTURES = Object.fromEntries(Object.entries(FIXTURE_FILES).map(([k, f]) => [k, read(f)])) as Record<
  keyof typeof FIXTURE_FILES,
  string
>;

export const GOLDEN_REEF = { id: '00000000-0000-4000-8000-00000000c001', names: ['Golden Reef', 'Golden Reef Park'] };
