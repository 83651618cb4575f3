import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  AppError,
  type FieldIssue,
  fieldIssues,
  ServiceUnavailableError,
  TooEarlyError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../errors.js';

// RFC 9457 problem details: the one mapping from errors to HTTP responses.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI naming the problem kind' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem details' },
);

/** OpenAPI response entries for the problems a route may answer with. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
}

export function problemType(code: string): string {
  return `urn:marketgate:problem:${code}`;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

const BY_STATUS: Record<number, { code: string; title: string }> = {
  400: { code: 'bad-request', title: 'The request is not valid' },
  401: { code: 'unauthorized', title: 'Authentication required' },
  403: { code: 'forbidden', title: 'Forbidden' },
  404: { code: 'not-found', title: 'Not found' },
  405: { code: 'method-not-allowed', title: 'Method not allowed' },
  406: { code: 'not-acceptable', title: 'Not acceptable' },
  409: { code: 'conflict', title: 'Conflict with the current state' },
  413: { code: 'payload-too-large', title: 'Payload too large' },
  414: { code: 'uri-too-long', title: 'URI too long' },
  415: { code: 'unsupported-media-type', title: 'Unsupported media type' },
  429: { code: 'too-many-requests', title: 'Too many requests' },
};

/** A client error's problem, typed and titled by its status. */
export function clientProblem(status: number, detail: string, instance: string): Problem {
  const known = BY_STATUS[status] ?? { code: 'client-error', title: 'The request cannot be served' };
  return { type: problemType(known.code), title: known.title, status, detail, instance };
}

// It sends and returns nothing: a returned reply is a thenable, which Fastify would then wait on
// with end-of-stream listeners for every error answered (a cost in the CPU profile of a rush's
// refusals, docs/BENCHMARKS.md).
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, problemOf(error, request, reply));
}

/** An AppError's problem, with the headers that say how long to wait or how to authenticate. */
export function appErrorProblem(
  error: AppError,
  instance: string,
): { problem: Problem; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const waits =
    error instanceof TooManyRequestsError || error instanceof TooEarlyError || error instanceof ServiceUnavailableError;
  if (waits && error.retryAfterSeconds) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error instanceof UnauthorizedError) headers['www-authenticate'] = 'Bearer realm="marketgate"';
  const problem: Problem = {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.message,
    instance,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  return { problem, headers };
}

function problemOf(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Problem {
  const instance = request.url;
  if (error instanceof AppError) {
    const { problem, headers } = appErrorProblem(error, instance);
    reply.headers(headers);
    // The client is told what it can do; the operator needs what went wrong underneath.
    if (error.status >= 500 && error.cause) request.log.error({ err: error.cause }, error.message);
    return problem;
  }
  if (error.validation) {
    const prefix = error.validationContext === 'body' ? '' : (error.validationContext ?? '');
    const errors = fieldIssues(error.validation, prefix);
    return {
      type: problemType('validation-failed'),
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      instance,
      errors,
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, body too large, wrong content type): their
    // messages describe the request, never the server, so they are safe to show.
    return clientProblem(status, error.message, instance);
  }
  request.log.error({ err: error }, 'unexpected error');
  return {
    type: problemType('internal'),
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${request.id} when you report it.`,
    instance,
  };
}
