/** Rebuild a comparator from its serialisable spec (workers, stored provenance, CLI field syntax). */
import type { AnyComparator, ComparatorSpec } from '../types.ts';
import { exactComparator } from './exact.ts';
import { stringComparator } from './string.ts';
import { personNameComparator } from './person-name.ts';
import { dateComparator } from './date.ts';
import { phoneComparator } from './phone.ts';
import { documentComparator } from './document.ts';
import { nationalityComparator } from './nationality.ts';
import { postcodeComparator } from './postcode.ts';
import { addressComparator } from './address.ts';
import { sexComparator } from './sex.ts';

export function buildComparator(spec: ComparatorSpec): AnyComparator {
  switch (spec.kind) {
    case 'exact':
      return exactComparator(spec);
    case 'string':
      return stringComparator(spec);
    case 'person_name':
      return personNameComparator(spec);
    case 'date':
      return dateComparator(spec);
    case 'phone':
      return phoneComparator(spec);
    case 'document':
      return documentComparator(spec);
    case 'nationality':
      return nationalityComparator(spec);
    case 'postcode':
      return postcodeComparator(spec);
    case 'address':
      return addressComparator(spec);
    case 'sex':
      return sexComparator(spec);
  }
}
