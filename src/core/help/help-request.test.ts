import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatCode, normaliseCode, publicStatus, publicView, spamSignals } from './help-request.ts';

describe('help request codes', () => {
  it('are 12 characters of the alphabet in three groups, and read back as typed by hand', () => {
    const bytes = Uint8Array.from({ length: 12 }, (_, i) => i * 23 + 7);
    const code = formatCode(bytes);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect([...code.replace(/-/g, '')].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(normaliseCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseCode('0IL0-ABCD-EFGH'.replace('0', 'O'))).toBe('0110-ABCD-EFGH');
  });
  it('refuse what cannot be a code', () => {
    expect(normaliseCode('ABCD-EFGH')).toBeNull();
    expect(normaliseCode('ABCD-EFGH-IJKU')).toBeNull();
    expect(normaliseCode("' OR 1=1 --xx")).toBeNull();
    expect(() => formatCode(new Uint8Array(4))).toThrow();
  });
});

describe('what the person sees', () => {
  it('never says spam', () => {
    expect(publicStatus('spam')).toBe('received');
    expect(publicStatus('will_contact')).toBe('will_contact');
  });

  it('is the status and the next steps, nothing else; a request marked spam reads as one nobody has looked at', () => {
    const steps = { place: 'Office, 12 Asia Road', flightDate: '2026-12-14' };
    expect(publicView('will_contact', steps)).toEqual({ status: 'will_contact', ...steps });
    expect(publicView('closed', null)).toEqual({ status: 'closed', place: null, flightDate: null });
    expect(publicView('spam', steps)).toEqual(publicView('received', null));
    expect(Object.keys(publicView('received', { ...steps, extra: 'x' } as never)).sort()).toEqual([
      'flightDate',
      'place',
      'status',
    ]);
  });
});

describe('spam signals', () => {
  const real = {
    name: 'Nguyễn Thị Mai',
    needs: ['shelter', 'medical'],
    message: 'Tôi đang ở bến xe, không có hộ chiếu',
  };
  it('leave a real request in any script alone', () => {
    expect(spamSignals(real, '')).toEqual([]);
    expect(spamSignals({ name: 'မောင်မောင်', needs: ['safety'] }, undefined)).toEqual([]);
    expect(spamSignals({ needs: [], contact: { channel: 'phone', value: '+855 12 345 678' } }, '')).toEqual([]);
  });
  it('name the honeypot, links, repetition and empty requests', () => {
    expect(spamSignals(real, 'http://x')).toContain('honeypot');
    expect(spamSignals({ ...real, message: 'cheap http://a.example and www.b.example' }, '')).toContain('links');
    expect(spamSignals({ ...real, message: 'buy now '.repeat(10) }, '')).toContain('repetition');
    expect(spamSignals({ name: 'www.casino.example', needs: ['food'] }, '')).toContain('link_in_name');
    expect(spamSignals({ needs: [] }, '')).toEqual(['empty']);
  });
});
