import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';
import { isDay, isInstant } from '../formats.js';

// How a request's parts are checked against their schemas.
//
// - A URL's query and path are text, so Ajv reads "?limit=10" as the number 10. A JSON body says
//   what it means: there `null` is neither 0 nor "", `"7"` is no number and `["a@b.co"]` no
//   email, and each is refused with the field's name instead of being quietly turned into one.
// - No text may hold a NUL character (U+0000): PostgreSQL cannot store one, so it would fail as an
//   internal error at the first query instead of as the caller's mistake.
// - A `date` or a `date-time` is one the database and JavaScript both hold exactly (formats.ts).

type Validate = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown };

type BuildValidator = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/** A route's part, as Fastify asks for its validator. */
interface RoutePart {
  method: string;
  url: string;
  httpPart: 'body' | 'headers' | 'params' | 'querystring';
  schema?: unknown;
}

type AjvOption = { customOptions?: Record<string, unknown> } & Record<string, unknown>;

export function buildValidator(): BuildValidator {
  const pool = AjvCompiler();
  const build = (externalSchemas: Record<string, never>, ajv?: AjvOption) => {
    // The pool's compile takes the route part, whatever its typings say (it reads .schema).
    const compiler = (coerceTypes: 'array' | false) =>
      pool(externalSchemas, {
        ...ajv,
        customOptions: { ...ajv?.customOptions, coerceTypes },
        onCreate: useCalendarFormats,
      }) as unknown as (route: RoutePart) => Validate;
    const fromText = compiler('array');
    const exact = compiler(false);
    return (route: RoutePart) => {
      const validate = (route.httpPart === 'body' ? exact : fromText)(route);
      // Node's HTTP parser refuses a NUL in a header already.
      return route.httpPart === 'headers' ? validate : withoutNul(validate);
    };
  };
  return build as unknown as BuildValidator;
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

function withoutNul(validate: Validate): Validate {
  const checked: Validate = (data, context) => {
    if (!validate(data, context)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nulAt(data, '');
    checked.errors = at === undefined ? null : [{ instancePath: at, keyword: 'nul', message: NUL_MESSAGE, params: {} }];
    return at === undefined;
  };
  // Fastify hands Ajv's own functions the request as the root's parent, so that coercion may
  // replace the root value; the wrapper must look like one.
  checked.schemaEnv = validate.schemaEnv;
  return checked;
}

/** The JSON Pointer of the first string (or property name) holding a NUL, or undefined. */
export function nulAt(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? pointer : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nulAt(value[i], `${pointer}/${i}`);
      if (at !== undefined) return at;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.includes('\0')) return here;
    const at = nulAt(item, here);
    if (at !== undefined) return at;
  }
  return undefined;
}

function useCalendarFormats(ajv: { addFormat(name: string, check: (text: string) => boolean): unknown }): void {
  ajv.addFormat('date', isDay);
  ajv.addFormat('date-time', isInstant);
}
