// The one error hierarchy. Every error a client may see is an AppError; the HTTP layer maps it
// to RFC 9457 problem+json in one place (http/problem.ts) and the CLI prints its detail.

export interface FieldIssue {
  /** JSON pointer-ish path of the offending field, e.g. "deviceProfile.battery.wattHours". */
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Stable, machine-readable problem code; part of the problem type URI. */
  abstract readonly code: string;
  abstract readonly title: string;
  readonly errors: FieldIssue[] | undefined;

  constructor(detail: string, errors?: FieldIssue[]) {
    super(detail);
    this.errors = errors;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly title = 'The request is not valid';

  constructor(errors: FieldIssue[], detail?: string) {
    super(detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly title = 'Not found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code: string = 'conflict';
  readonly title: string = 'Conflict with the current state';

  constructor(detail: string, field?: string | FieldIssue[]) {
    super(detail, typeof field === 'string' ? [{ field, message: detail }] : field);
  }
}

/** A SKU a reservation asked for, and how many units of it were available. */
export interface StockShortage {
  sku: string;
  requested: number;
  available: number;
  /** Index of the SKU's (first) line in the request. */
  line: number;
}

/** Not enough stock for one or more lines of a reservation; nothing was reserved. */
export class InsufficientStockError extends ConflictError {
  override readonly code = 'insufficient-stock';
  override readonly title = 'Not enough stock';

  constructor(readonly shortages: StockShortage[]) {
    const messages = shortages.map(
      (s) => `${s.sku}: ${s.requested} requested, ${s.available === 0 ? 'none' : s.available} available`,
    );
    super(
      `Not enough stock: ${messages.join('; ')}`,
      shortages.map((s, i) => ({ field: `lines.${s.line}.quantity`, message: messages[i]! })),
    );
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code: string;
  readonly title = 'Forbidden';

  constructor(detail: string, code = 'forbidden') {
    super(detail);
    this.code = code;
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code: string;
  readonly title = 'Too many requests';

  /** retryAfterSeconds: when asking again may succeed; undefined when waiting alone will not do. */
  constructor(
    detail: string,
    readonly retryAfterSeconds: number | undefined,
    code = 'too-many-requests',
  ) {
    super(detail);
    this.code = code;
  }
}

/** Asked before its time (RFC 8470's 425): the same request will do at the instant given. */
export class TooEarlyError extends AppError {
  readonly status = 425;
  readonly code: string;
  readonly title = 'Too early';

  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    code = 'too-early',
  ) {
    super(detail);
    this.code = code;
  }
}

/** A store the request needs is out of reach for now (RFC 9110's 503): nothing was done; ask again. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'service-unavailable';
  readonly title = 'Service unavailable';

  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** Converts schema-validator issues (Ajv's and TypeBox's share this shape) to field issues. */
export function fieldIssues(
  issues: ReadonlyArray<{ instancePath: string; message?: string | undefined; keyword: string; params: object }>,
  prefix = '',
): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  const allowed = new Map<string, unknown[]>();
  for (const issue of issues) {
    if (issue.keyword !== 'const') continue;
    const values = allowed.get(issue.instancePath) ?? [];
    values.push((issue.params as { allowedValue?: unknown }).allowedValue);
    allowed.set(issue.instancePath, values);
  }
  // A nullable field (`X or null`) that is neither reports X's error, "must be null" and the
  // union's summary: X's error says it all.
  const isNullBranch = (issue: (typeof issues)[number]) =>
    issue.keyword === 'type' && (issue.params as { type?: unknown }).type === 'null';
  const nullable = new Set(issues.filter(isNullBranch).map((i) => i.instancePath));
  const explained = new Set(
    issues
      .filter((i) => nullable.has(i.instancePath) && !isNullBranch(i) && i.keyword !== 'anyOf')
      .map((i) => i.instancePath),
  );
  for (const issue of issues) {
    // A failed anyOf also reports every branch it tried; the summary line is the useful one.
    if (issue.keyword === 'const' || issue.keyword === 'boolean') continue;
    if (explained.has(issue.instancePath) && (isNullBranch(issue) || issue.keyword === 'anyOf')) continue;
    const path = issue.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = issue.params as Record<string, unknown>;
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'required') {
      const missing = (params.missingProperty ??
        (params.requiredProperties as string[] | undefined)?.join(', ')) as string;
      path.push(missing);
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties') {
      const extra = (params.additionalProperty ??
        (params.additionalProperties as string[] | undefined)?.join(', ')) as string;
      path.push(extra);
      message = 'is not a known field';
    } else if (issue.keyword === 'enum') {
      const values = (params.allowedValues ?? params.values) as unknown[] | undefined;
      if (values) message = `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (issue.keyword === 'anyOf') {
      const values = allowed.get(issue.instancePath);
      message = values
        ? `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`
        : 'is not any of the allowed forms';
    }
    const field = [prefix, ...path].filter(Boolean).join('.') || '(body)';
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

/** The payment provider said no: the card was declined. The order stays open for another try. */
export class PaymentDeclinedError extends AppError {
  readonly status = 402;
  readonly code = 'payment-declined';
  readonly title = 'The payment was declined';

  constructor(
    detail: string,
    readonly declineCode: string,
  ) {
    super(detail, [{ field: 'card', message: detail }]);
  }
}

/** The payment provider failed (not the card): nothing was charged, and the same request may be retried. */
export class PaymentProviderError extends AppError {
  readonly status = 502;
  readonly code = 'payment-provider-failed';
  readonly title = 'The payment provider failed';
}

/** An Idempotency-Key sent again with a different request (draft-ietf-httpapi-idempotency-key-header, 422). */
export class IdempotencyKeyReusedError extends AppError {
  readonly status = 422;
  readonly code = 'idempotency-key-reused';
  readonly title = 'The Idempotency-Key was used for another request';
}
