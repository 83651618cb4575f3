import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import './formats.js';
import { fieldIssues, ValidationError } from './errors.js';

// Validation outside HTTP (data files, CLI input) with the same schemas the routes use.
// Compiled validators are cached per schema: compiling is the expensive part.
const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

export function check<T extends TSchema>(schema: T, value: unknown, prefix = ''): Static<T> {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(value)) return value as Static<T>;
  throw new ValidationError(fieldIssues([...validator.Errors(value)], prefix));
}
