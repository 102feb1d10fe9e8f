import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTACT_MESSAGE_PLACEHOLDERS,
  MESSAGE_MAX_ATTEMPTS,
  helpMessageText,
  messageDue,
  messageView,
  retryDelaySeconds,
  type HelpMessageStrings,
} from './help-message.ts';
import { HELP_LANGUAGES, HELP_PUBLIC_STATUSES, formatHelpDay, HELP_LANGUAGE_TAGS } from './help-request.ts';

const strings = (lang: string): HelpMessageStrings =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'translations', `${lang}.json`), 'utf8')) as HelpMessageStrings;
const count = (text: string, part: string) => text.split(part).length - 1;

describe('messages to a help request’s contact', () => {
  it.each(HELP_LANGUAGES)('%s has every template, each with its placeholder exactly once', (lang) => {
    const s = strings(lang);
    for (const status of HELP_PUBLIC_STATUSES) expect(s.status[status]?.trim(), `${lang} ${status}`).toBeTruthy();
    for (const [key, placeholder] of Object.entries(CONTACT_MESSAGE_PLACEHOLDERS)) {
      const template = s.contactMessage[key as keyof HelpMessageStrings['contactMessage']];
      expect(template, `${lang} contactMessage.${key}`).toBeTypeOf('string');
      expect(count(template, placeholder), `${lang} contactMessage.${key}`).toBe(1);
      // Only its own placeholder: a translator's {lieu} would reach the person as written.
      expect(template.replace(placeholder, '')).not.toMatch(/[{}]/);
    }
  });

  it.each(HELP_LANGUAGES)('%s renders each status, where to go and the flight date in its own words', (lang) => {
    const s = strings(lang);
    for (const status of HELP_PUBLIC_STATUSES) {
      const bare = helpMessageText(s, lang, { status, place: null, flightDate: null });
      expect(bare).toBe(s.status[status]);
      const full = helpMessageText(s, lang, { status, place: 'Gate 4, Mae Sot bus station', flightDate: '2026-03-04' });
      const lines = full.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe(s.status[status]);
      expect(lines[1]).toBe(s.contactMessage.place.replace('{place}', 'Gate 4, Mae Sot bus station'));
      expect(lines[2]).toContain(formatHelpDay('2026-03-04', HELP_LANGUAGE_TAGS[lang]));
      expect(full).not.toMatch(/[{}]/);
    }
  });

  it('writes the day as the page does, in the language (not the ISO date)', () => {
    expect(
      helpMessageText(strings('en'), 'en', { status: 'will_contact', place: null, flightDate: '2026-03-04' }),
    ).toBe('Someone from the organisation will contact you.\nYour flight date: March 4, 2026');
    expect(helpMessageText(strings('fr'), 'fr', { status: 'received', place: null, flightDate: '2026-03-04' })).toMatch(
      /4 mars 2026$/,
    );
  });

  it('keeps a place as written, even with $ patterns that String.replace would expand', () => {
    const text = helpMessageText(strings('en'), 'en', {
      status: 'received',
      place: 'Room $& and $1',
      flightDate: null,
    });
    expect(text.split('\n')[1]).toBe('Where to go: Room $& and $1');
  });

  it('a request marked spam sends nothing, though its code reads "received"', () => {
    expect(messageView('spam', { place: 'x', flightDate: null })).toBeNull();
    expect(messageView('received', null)).toEqual({ status: 'received', place: null, flightDate: null });
  });

  it('is due only when what the code shows changed: the same change twice tells nothing the second time', () => {
    const received = messageView('received', null);
    const contact = messageView('will_contact', null);
    expect(messageDue(null, received)).toBe(true);
    expect(messageDue(received, received)).toBe(false);
    expect(messageDue(received, contact)).toBe(true);
    expect(messageDue(contact, messageView('will_contact', { place: 'Office', flightDate: null }))).toBe(true);
    expect(messageDue(contact, messageView('spam', null))).toBe(false);
    // Moved out of spam by staff: the person hears "received" for the first time.
    expect(messageDue(messageView('spam', null), received)).toBe(true);
  });

  it('backs off from 30 seconds to at most 2 hours, for a bounded number of tries', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelaySeconds)).toEqual([30, 120, 480, 1920, 7200, 7200]);
    const total = Array.from({ length: MESSAGE_MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1)).reduce(
      (a, b) => a + b,
    );
    expect(total / 3600).toBeGreaterThan(6);
    expect(total / 3600).toBeLessThan(8);
  });
});
