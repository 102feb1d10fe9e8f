import { describe, expect, it } from 'vitest';
import { seesCaptureMetadata, stripCaptureMetadata } from './metadata-disclosure.ts';

describe('photo metadata disclosure', () => {
  it('lets the uploading organisation and verifiers of a monitor organisation see it, nobody else', () => {
    expect(seesCaptureMetadata({ organisationId: 'up', organisationKind: 'monitor', roles: ['analyst'] }, 'up')).toBe(
      true,
    );
    expect(seesCaptureMetadata({ organisationId: 'v', organisationKind: 'monitor', roles: ['verifier'] }, 'up')).toBe(
      true,
    );
    expect(
      seesCaptureMetadata({ organisationId: 'other', organisationKind: 'monitor', roles: ['analyst', 'admin'] }, 'up'),
    ).toBe(false);
    // A partner's administrator who grants themselves the verifier role gains nothing.
    expect(seesCaptureMetadata({ organisationId: 'p', organisationKind: 'ngo', roles: ['verifier'] }, 'up')).toBe(
      false,
    );
    expect(
      seesCaptureMetadata({ organisationId: 'e', organisationKind: 'embassy', roles: ['consular_officer'] }, 'up'),
    ).toBe(false);
    expect(seesCaptureMetadata({ organisationId: 'up', organisationKind: 'monitor', roles: ['viewer'] }, 'up')).toBe(
      false,
    );
    expect(seesCaptureMetadata({ organisationId: 'x', organisationKind: 'monitor', roles: ['analyst'] }, null)).toBe(
      false,
    );
  });
  it('strips by allow-list: GPS, device and unknown tags go', () => {
    expect(
      stripCaptureMetadata({
        Make: 'Cam',
        Model: 'X',
        latitude: 1,
        longitude: 2,
        GPSAltitude: 3,
        Software: 's',
        SerialNumber: 'n',
        ExifImageWidth: 10,
        DateTimeOriginal: 'd',
      }),
    ).toEqual({ ExifImageWidth: 10, DateTimeOriginal: 'd' });
  });
});
