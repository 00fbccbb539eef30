import type { OffenceGroup } from './offences';

/**
 * Ranks work places for one client by the criteria of 000 §3.1.1: the municipalities' priority jobs, the
 * client's criminal record, education, skills, health (disability) and age, and the distance from home.
 * Hard rules filter (a place that is full, refuses the offence group, is too heavy or the client is too young
 * is never proposed); the rest are scored, every point with a Latvian reason the officer reads.
 */
export interface MatchClient {
  age: number;
  skills: readonly string[];
  home: { lat: number; lon: number } | null;
  offenceGroups: readonly OffenceGroup[];
  /** From IIS VDEĀVK: "I", "II", "III" or null. Group I and II exclude HEAVY work; group I also MODERATE. */
  disabilityGroup: string | null;
  /** From VIIS: BASIC, SECONDARY, VOCATIONAL, HIGHER or null. */
  educationLevel: string | null;
}

export interface MatchPlace {
  id: number;
  employerId: number;
  employerName: string;
  jobTitle: string;
  address: string;
  priorityJob: boolean;
  minAge: number;
  physicalDemand: 'LIGHT' | 'MODERATE' | 'HEAVY' | string;
  skills: readonly string[];
  excludedOffenceGroups: readonly string[];
  minEducationLevel: string | null;
  location: { lat: number; lon: number } | null;
  capacity: number;
  /** Placements RESERVED or ACTIVE now. */
  occupied: number;
}

export interface Proposal {
  rank: number;
  workPlaceId: string;
  employerId: string;
  employerName: string;
  jobTitle: string;
  address: string;
  priorityJob: boolean;
  distanceKm: number | null;
  score: number;
  reasons: string[];
}

export interface Rejection {
  workPlaceId: string;
  reasons: string[];
}

/** Weights of the score; one place to tune them (docs/work-matching.md). */
export const DEFAULT_WEIGHTS = {
  priorityJob: 30,
  perMatchingSkill: 10,
  maxSkills: 20,
  /** Full points at 0 km, none at `distanceZeroAtKm` and beyond. */
  distance: 40,
  distanceZeroAtKm: 30,
  lightWorkForRestrictedHealth: 10,
};
export type Weights = typeof DEFAULT_WEIGHTS;

const EDUCATION_ORDER = ['BASIC', 'SECONDARY', 'VOCATIONAL', 'HIGHER'];

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

const GROUP_LV: Record<string, string> = {
  VIOLENT: 'vardarbīgi noziegumi',
  SEXUAL: 'noziegumi pret tikumību',
  AGAINST_CHILDREN: 'noziegumi pret ģimeni un nepilngadīgajiem',
  PROPERTY: 'mantiski noziegumi',
  DRUGS: 'ar narkotikām saistīti noziegumi',
  TRAFFIC: 'satiksmes drošības noziegumi',
  OTHER: 'citi noziegumi',
};

/** Why a place may not be proposed, or [] when it may. */
export function hardRules(client: MatchClient, place: MatchPlace): string[] {
  const out: string[] = [];
  if (place.occupied >= place.capacity) out.push(`Nav brīvu vietu (${place.occupied}/${place.capacity})`);
  if (client.age < place.minAge) out.push(`Minimālais vecums ${place.minAge} gadi, klientam ${client.age}`);
  for (const g of client.offenceGroups) {
    if (place.excludedOffenceGroups.includes(g)) out.push(`Darba devējs nepieņem: ${GROUP_LV[g] ?? g}`);
  }
  if (client.disabilityGroup === 'I' && place.physicalDemand !== 'LIGHT')
    out.push('I invaliditātes grupa: piemērots tikai viegls darbs');
  if (client.disabilityGroup === 'II' && place.physicalDemand === 'HEAVY')
    out.push('II invaliditātes grupa: smags fizisks darbs nav piemērots');
  if (client.age < 18 && place.physicalDemand === 'HEAVY') out.push('Nepilngadīgajam smags fizisks darbs nav atļauts');
  if (place.minEducationLevel && client.educationLevel) {
    if (EDUCATION_ORDER.indexOf(client.educationLevel) < EDUCATION_ORDER.indexOf(place.minEducationLevel))
      out.push('Nepietiekama izglītība šim darbam');
  }
  return out;
}

export function rankWorkPlaces(
  client: MatchClient,
  places: readonly MatchPlace[],
  weights: Weights = DEFAULT_WEIGHTS,
): { proposals: Proposal[]; rejected: Rejection[] } {
  const proposals: Omit<Proposal, 'rank'>[] = [];
  const rejected: Rejection[] = [];
  for (const place of places) {
    const refusal = hardRules(client, place);
    if (refusal.length) {
      rejected.push({ workPlaceId: String(place.id), reasons: refusal });
      continue;
    }
    let score = 0;
    const reasons: string[] = [];
    if (place.priorityJob) {
      score += weights.priorityJob;
      reasons.push('Pašvaldības prioritārais darbs');
    }
    const matching = place.skills.filter((s) => client.skills.includes(s));
    if (matching.length) {
      score += Math.min(weights.maxSkills, matching.length * weights.perMatchingSkill);
      reasons.push(`Atbilst prasmēm: ${matching.join(', ')}`);
    }
    let km: number | null = null;
    if (client.home && place.location) {
      km = Math.round(distanceKm(client.home, place.location) * 10) / 10;
      const points = Math.max(0, weights.distance * (1 - km / weights.distanceZeroAtKm));
      score += points;
      reasons.push(`${km.toLocaleString('lv-LV')} km no dzīvesvietas`);
    } else {
      reasons.push('Attālums nav zināms');
    }
    if (client.disabilityGroup && place.physicalDemand === 'LIGHT') {
      score += weights.lightWorkForRestrictedHealth;
      reasons.push('Viegls darbs, piemērots veselības stāvoklim');
    }
    proposals.push({
      workPlaceId: String(place.id),
      employerId: String(place.employerId),
      employerName: place.employerName,
      jobTitle: place.jobTitle,
      address: place.address,
      priorityJob: place.priorityJob,
      distanceKm: km,
      score: Math.round(score * 10) / 10,
      reasons,
    });
  }
  // Highest score first; ties by distance, then id, so the order never depends on the input order.
  proposals.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9) ||
      Number(a.workPlaceId) - Number(b.workPlaceId),
  );
  return { proposals: proposals.map((p, i) => ({ rank: i + 1, ...p })), rejected };
}
