import { createRoute, z } from '@hono/zod-openapi';
import type { AccountRecord, NewAccount, NewAccountInput } from '../../storage/sqlite/accounts.ts';
import { requireAdminKey } from './admin-key.ts';
import { BAD_REQUEST, createRouter, json, problemResponse } from './router.ts';

/** What the admin routes do with accounts; main.ts makes them write the store and start the actor. */
export interface AccountAdmin {
  /** Stores the account and its key, starts its actor, and answers the secret (the only time it exists in clear). */
  create(input: NewAccountInput): Promise<NewAccount>;
  list(): AccountRecord[];
}

const NewAccountBody = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters').openapi({ example: 'alice' }),
    cash: z
      .number({ error: (i) => `cash must be a number, got ${JSON.stringify(i.input)}` })
      .min(0, 'cash must be 0 or more')
      .max(1e12, 'cash must be at most 1,000,000,000,000')
      .openapi({ example: 100_000, description: 'Starting cash, in the quote currency' }),
  })
  .openapi('NewAccount');

const AccountSchema = z
  .object({
    account_id: z.string(),
    name: z.string(),
    cash: z.number().openapi({ description: 'Starting cash' }),
    created_at: z.string().openapi({ description: 'ISO 8601' }),
  })
  .openapi('Account');

const CreatedSchema = AccountSchema.extend({
  key_id: z.string().openapi({ description: 'APCA-API-KEY-ID' }),
  secret: z.string().openapi({ description: 'APCA-API-SECRET-KEY: shown this once, stored only hashed' }),
}).openapi('AccountCreated');

const ADMIN_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKey: [] }];
const UNAUTHORIZED = problemResponse('No admin key, or the wrong one');
const NO_ADMIN = problemResponse('No admin key is configured: the admin routes do not exist');

const accountJson = (a: AccountRecord) => ({ account_id: a.id, name: a.name, cash: a.cash, created_at: new Date(a.createdAt).toISOString() });

/** `POST /api/admin/accounts` (create, answers the key pair once) and `GET /api/admin/accounts` (list, no secrets). */
export const adminAccountRoutes = (deps: { adminKey?: string; accounts: AccountAdmin }) => {
  const gate = requireAdminKey(deps.adminKey);
  const create = createRoute({
    method: 'post',
    path: '/api/admin/accounts',
    operationId: 'createAccount',
    tags: ['admin'],
    summary: 'Create a paper account and its Alpaca key pair',
    description: 'Starts the account at once. The answer holds the secret: it is shown this once and stored only as its argon2id hash.',
    security: ADMIN_SECURITY,
    middleware: [gate],
    request: { body: { content: { 'application/json': { schema: NewAccountBody } }, required: true } },
    responses: { 201: json(CreatedSchema, 'The account, its key id and its secret'), 400: BAD_REQUEST, 401: UNAUTHORIZED, 404: NO_ADMIN },
  });
  const list = createRoute({
    method: 'get',
    path: '/api/admin/accounts',
    operationId: 'listAccounts',
    tags: ['admin'],
    summary: 'Every paper account, oldest first (no secrets)',
    security: ADMIN_SECURITY,
    middleware: [gate],
    responses: { 200: json(z.object({ accounts: z.array(AccountSchema) }), 'The accounts'), 401: UNAUTHORIZED, 404: NO_ADMIN },
  });
  return createRouter()
    .openapi(create, async (c) => {
      const made = await deps.accounts.create(c.req.valid('json'));
      return c.json({ ...accountJson(made.account), key_id: made.keyId, secret: made.secret }, 201);
    })
    .openapi(list, (c) => c.json({ accounts: deps.accounts.list().map(accountJson) }, 200));
};
