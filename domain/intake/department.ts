import { distanceKm } from '../../domain/work-matching';
import { findPlace } from '../../domain/geo/places';

/**
 * Which department takes a new case: one in the town of the person's municipality (the declared place of
 * residence, as the decision gives it); in Rīga, with several departments, the youth department for minors and
 * otherwise a stable spread by personal code; elsewhere the nearest department. Rule documented in docs/intake.md.
 */
export interface DepartmentRef {
  id: number;
  code: string;
  town: string;
}

export function chooseDepartment(
  departments: readonly DepartmentRef[],
  municipality: string,
  personalCode: string,
  minor: boolean,
): DepartmentRef | undefined {
  const place = findPlace(municipality);
  if (!place) return undefined;
  const inTown = departments.filter((d) => d.town === place.town).sort((a, b) => a.code.localeCompare(b.code));
  if (inTown.length) {
    const youth = inTown.find((d) => d.code.includes('youth'));
    if (minor && youth) return youth;
    const adults = inTown.filter((d) => d !== youth);
    const pool = adults.length ? adults : inTown;
    const digits = Number(personalCode.replace(/\D/g, '').slice(-5));
    return pool[digits % pool.length];
  }
  let best: { d: DepartmentRef; km: number } | undefined;
  for (const d of departments) {
    const at = findPlace(d.town);
    if (!at || d.code.includes('youth')) continue;
    const km = distanceKm(place, at);
    if (!best || km < best.km) best = { d, km };
  }
  return best?.d;
}
