/**
 * Offence groups for work matching, from the articles of the Criminal Law (Krimināllikums) a ruling cites.
 * Grouped by the Law's chapters: XIII crimes against life and health (ss. 116–140), XVI against morals and
 * sexual inviolability (ss. 159–166), XVII against the family and minors (ss. 167–174), XIX against property
 * (ss. 175–188), drugs (ss. 253–256), traffic safety (ss. 260–266). Everything else is OTHER.
 */
export const OFFENCE_GROUPS = [
  'VIOLENT',
  'SEXUAL',
  'AGAINST_CHILDREN',
  'PROPERTY',
  'DRUGS',
  'TRAFFIC',
  'OTHER',
] as const;
export type OffenceGroup = (typeof OFFENCE_GROUPS)[number];

const RANGES: [number, number, OffenceGroup][] = [
  [116, 140, 'VIOLENT'],
  [159, 166, 'SEXUAL'],
  [167, 174, 'AGAINST_CHILDREN'],
  [175, 188, 'PROPERTY'],
  [253, 256, 'DRUGS'],
  [260, 266, 'TRAFFIC'],
];

export function offenceGroup(article: string): OffenceGroup {
  const n = Number.parseInt(article, 10);
  return RANGES.find(([from, to]) => n >= from && n <= to)?.[2] ?? 'OTHER';
}

export function offenceGroups(articles: readonly string[]): OffenceGroup[] {
  return [...new Set(articles.map(offenceGroup))].sort();
}
