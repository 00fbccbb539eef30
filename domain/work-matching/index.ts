/** Work matching for community service and minors' public work (docs/work-matching.md). */
export * from './rank';
export * from './offences';
