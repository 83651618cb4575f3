import type { Clock } from '../../platform/clock.js';
import { uniqueViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import { type Permission, ROLE_PERMISSIONS, type Role } from './permissions.js';
import { type ApiToken, type SessionInfo, type StaffUser, TokenInput, UserInput, type UserPatch } from './schemas.js';
import { dummyPasswordHash, generatePassword, hashPassword, randomSecret, sha256, verifyPassword } from './secrets.js';
import { accountStore as store, type TokenRow, type UserRow } from './store.js';
import { ACCOUNT_POLICY, IP_POLICY, retryAfterSeconds } from './throttle.js';

/** Who is making a request: a logged-in staff user or an API token. */
export interface Actor {
  kind: 'user' | 'token';
  id: string;
  /** The user's email or the token's name, for the audit log. */
  label: string;
  role: Role;
  /** Set for cookie sessions: state-changing requests must echo it (CSRF). */
  csrfToken?: string;
}

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export const TOKEN_PREFIX = 'mg_';

function toUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessionPolicy: SessionPolicy,
  ) {}

  async listUsers(): Promise<StaffUser[]> {
    return (await store.users(this.db)).map(toUser);
  }

  /** Creates the user; without a password one is generated and returned, to be shown once. */
  async createUser(input: UserInput): Promise<{ user: StaffUser; password: string }> {
    // The route's schema, for the CLI's input too: one set of rules for a user however it is made.
    check(UserInput, input);
    const password = input.password ?? generatePassword();
    const email = input.email.toLowerCase();
    try {
      const row = await store.insertUser(this.db, {
        email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(password),
      });
      return { user: toUser(row), password };
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A staff user with email "${email}" exists`, 'email');
      throw error;
    }
  }

  /** On the first start of an empty database: the admin account, with a generated password. */
  async ensureInitialAdmin(email: string): Promise<{ email: string; password: string } | undefined> {
    if ((await store.userCount(this.db)) > 0) return undefined;
    const { user, password } = await this.createUser({ email, name: 'Administrator', role: 'admin' });
    return { email: user.email, password };
  }

  async findUser(idOrEmail: string): Promise<StaffUser> {
    return toUser(await this.userRow(idOrEmail));
  }

  async updateUser(idOrEmail: string, patch: UserPatch, actor?: Actor): Promise<StaffUser> {
    const current = await this.userRow(idOrEmail);
    if (actor?.kind === 'user' && actor.id === current.id) {
      // An admin locking themself out leaves the platform without anyone to undo it.
      if (patch.role !== undefined && patch.role !== current.role) {
        throw new ConflictError('You cannot change your own role; ask another admin', 'role');
      }
      if (patch.disabled) throw new ConflictError('You cannot disable your own account', 'disabled');
    }
    const row = await this.db.transaction(async (tx) => {
      if ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled) {
        // Checked under the admins' row locks: two admins demoting each other at once are
        // serialized here, and the second sees that the first left only one.
        refuseLastAdmin(current.id, await store.lockActiveAdmins(tx), patch);
      }
      const updated = await store.updateUser(tx, current.id, patch);
      // A role change or a disabled account takes effect at once: existing sessions end.
      if (patch.disabled || (patch.role && patch.role !== current.role)) await store.deleteSessionsOf(tx, current.id);
      return updated!;
    });
    return toUser(row);
  }

  async resetPassword(idOrEmail: string, password = generatePassword()): Promise<string> {
    if (password.length < 12) throw ValidationError.field('password', 'must have at least 12 characters');
    const user = await this.userRow(idOrEmail);
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await store.updateUser(tx, user.id, { passwordHash });
      await store.deleteSessionsOf(tx, user.id);
    });
    return password;
  }

  /** Checks the password; on success opens a session and returns its cookie value. */
  async login(
    emailInput: string,
    password: string,
    client: { ip: string; userAgent: string | undefined },
  ): Promise<{ sessionId: string; info: SessionInfo; user: StaffUser }> {
    const email = emailInput.trim().toLowerCase();
    const now = this.clock.now();
    const accountKey = `account:${email}`;
    const ipKey = `ip:${client.ip}`;
    const since = new Date(now.getTime() - Math.max(ACCOUNT_POLICY.windowMs, IP_POLICY.windowMs));
    const wait = Math.max(
      retryAfterSeconds(await store.failures(this.db, accountKey, since), now, ACCOUNT_POLICY),
      retryAfterSeconds(await store.failures(this.db, ipKey, since), now, IP_POLICY),
    );
    if (wait > 0) throw new TooManyRequestsError(`Too many failed logins; try again in ${wait} seconds`, wait);

    const user = await store.userByEmail(this.db, email);
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || user.disabled) {
      await store.recordFailures(this.db, [accountKey, ipKey], now);
      throw new UnauthorizedError('Email or password is wrong');
    }

    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    await this.db.transaction(async (tx) => {
      await store.clearFailures(tx, accountKey);
      await store.insertSession(tx, {
        idHash: sha256(sessionId),
        userId: user.id,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.sessionPolicy.maxMs),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
      });
      await store.updateUser(tx, user.id, { lastLoginAt: now });
    });
    return { sessionId, info: sessionInfo(user, csrfToken), user: toUser(user) };
  }

  /** The actor behind a session cookie, or undefined when it is unknown, expired or idle too long. */
  async sessionActor(sessionId: string): Promise<(Actor & { info: SessionInfo }) | undefined> {
    const now = this.clock.now();
    const idHash = sha256(sessionId);
    const found = await store.liveSession(this.db, idHash, now, this.sessionPolicy.idleMs);
    if (!found || found.user.disabled) return undefined;
    await store.touchSession(this.db, idHash, now);
    const { user, session } = found;
    return {
      kind: 'user',
      id: user.id,
      label: user.email,
      role: user.role,
      csrfToken: session.csrfToken,
      info: sessionInfo(user, session.csrfToken),
    };
  }

  async logout(sessionId: string): Promise<void> {
    await store.deleteSession(this.db, sha256(sessionId));
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await store.tokens(this.db)).map(toToken);
  }

  /** Issues a token; the secret is returned once and only its hash is kept. */
  async createToken(
    input: { name: string; role: Role },
    createdBy: string | null,
  ): Promise<{ token: ApiToken; secret: string }> {
    check(TokenInput, input);
    const secret = randomSecret(TOKEN_PREFIX);
    const row = await store.insertToken(this.db, {
      name: input.name,
      role: input.role,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      createdBy,
    });
    return { token: toToken(row), secret };
  }

  async revokeToken(id: string): Promise<ApiToken> {
    const row = await store.revokeToken(this.db, id, this.clock.now());
    if (!row) throw new NotFoundError(`No API token "${id}"`);
    return toToken(row);
  }

  /** The actor behind a bearer token; a revoked token is refused from the next request on. */
  async tokenActor(secret: string): Promise<Actor | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await store.liveTokenByHash(this.db, sha256(secret));
    if (!row) return undefined;
    await store.touchToken(this.db, row.id, this.clock.now());
    return { kind: 'token', id: row.id, label: row.name, role: row.role };
  }

  /** Forgets expired sessions and failures that no throttle window still counts. */
  async prune(): Promise<void> {
    const now = this.clock.now();
    await store.deleteExpiredSessions(this.db, now, this.sessionPolicy.idleMs);
    await store.pruneFailures(this.db, new Date(now.getTime() - Math.max(ACCOUNT_POLICY.windowMs, IP_POLICY.windowMs)));
  }

  private async userRow(idOrEmail: string): Promise<UserRow> {
    const row = idOrEmail.includes('@')
      ? await store.userByEmail(this.db, idOrEmail.toLowerCase())
      : /^[0-9a-f-]{36}$/i.test(idOrEmail)
        ? await store.userById(this.db, idOrEmail)
        : undefined;
    if (!row) throw new NotFoundError(`No staff user "${idOrEmail}"`);
    return row;
  }
}

/**
 * Refuses a change that would leave no active admin user: only an admin can grant the role back,
 * and an API token is no one to sign in as (nor to ask, when it is lost or revoked).
 */
function refuseLastAdmin(userId: string, activeAdmins: string[], patch: UserPatch): void {
  if (!activeAdmins.includes(userId) || activeAdmins.length > 1) return;
  const field = patch.role !== undefined && patch.role !== 'admin' ? 'role' : 'disabled';
  const what = field === 'role' ? 'demoted' : 'disabled';
  throw new ConflictError(`The last admin cannot be ${what}; make another user admin first`, field);
}

function sessionInfo(user: UserRow, csrfToken: string): SessionInfo {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    csrfToken,
    permissions: permissionsOf(user.role),
  };
}
