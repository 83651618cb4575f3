import type { FieldIssue } from '../../platform/errors.js';
import { countryIssue } from '../markets/index.js';

// Pure: a cloud region is placed in a country by its ISO 3166-1 alpha-2 code, checked the way
// markets check theirs.

export function regionIssues(region: { country?: string | undefined }): FieldIssue[] {
  const issue = region.country === undefined ? undefined : countryIssue(region.country, 'country');
  return issue ? [issue] : [];
}
