import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import { type DeviceProfile, DeviceProfileSchema, profileInconsistencies } from '../catalog/index.js';
import { type Requirement, requirementsFor } from './rules.js';
import type { RuleFile } from './schema.js';

// The compliance module's entry point: the loaded rules, asked about device profiles.

export class ComplianceService {
  constructor(private readonly rules: ReadonlyMap<string, RuleFile>) {}

  jurisdictions(): string[] {
    return [...this.rules.keys()];
  }

  ruleFile(jurisdiction: string): RuleFile {
    const file = this.rules.get(jurisdiction.toUpperCase());
    if (!file) {
      throw new NotFoundError(`No rules for jurisdiction "${jurisdiction}"; known: ${this.jurisdictions().join(', ')}`);
    }
    return file;
  }

  /** Requirements for a profile, validated first (fields named in errors, as `profile.<field>`). */
  requirements(
    jurisdiction: string,
    profile: unknown,
    at?: Date,
  ): { jurisdiction: string; requirements: Requirement[] } {
    const file = this.ruleFile(jurisdiction);
    const valid = validProfile(profile, 'profile');
    return { jurisdiction: file.jurisdiction, requirements: requirementsFor(file, valid, at) };
  }
}

export function validProfile(profile: unknown, prefix: string): DeviceProfile {
  const valid = check(DeviceProfileSchema, profile, prefix);
  const issues = profileInconsistencies(valid);
  if (issues.length > 0)
    throw new ValidationError(issues.map((i) => ({ field: `${prefix}.${i.field}`, message: i.message })));
  return valid;
}
