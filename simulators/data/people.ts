import type { WirePerson as Person } from '../common/wire';
import type { Prng } from '../../platform/prng';
import { addressIn, pickMunicipality, type Municipality, type Region } from './municipalities';
import { pickName, type Gender } from './names';
import { birthDateAged, isoDay, personalCodeFor } from './personal-codes';

/** A person as a state register knows them, plus what generators need to stay consistent (gender, region). */
export interface GeneratedPerson {
  person: Person;
  gender: Gender;
  birth: Date;
  municipality: Municipality;
}

/** Most VPD clients are men (about 85 %); ages follow the request. */
export function generatePerson(
  rng: Prng,
  today: Date,
  opts: { minAge: number; maxAge: number; gender?: Gender; region?: Region },
): GeneratedPerson {
  const gender = opts.gender ?? (rng.chance(0.85) ? 'M' : 'F');
  const birth = birthDateAged(rng, today, opts.minAge, opts.maxAge);
  const municipality = pickMunicipality(rng, opts.region);
  const name = pickName(rng, gender);
  return {
    gender,
    birth,
    municipality,
    person: {
      personalCode: personalCodeFor(rng, birth),
      ...name,
      birthDate: isoDay(birth),
      address: addressIn(rng, municipality),
      municipality: municipality.name,
    },
  };
}
