import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { ProblemSchema, validationProblem } from '../problem.ts';

/** A route module's app: requests its schemas refuse become 400 problems naming the field. */
export const createRouter = () => new OpenAPIHono({ defaultHook: validationProblem });

/** A JSON response of `schema`, for a route's `responses`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** A problem-details response, for a route's `responses`. */
export const problemResponse = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

export const BAD_REQUEST = problemResponse('A parameter is invalid; `errors` names each one');
export const UNKNOWN_SYMBOL = problemResponse('Unknown symbol (with the closest known ones), or no live data for it');
export const UNAVAILABLE = problemResponse('The engine or the history did not answer');
