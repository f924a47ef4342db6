import { users } from '@digitallz/db';
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import { recordAuditEvent } from '../audit/record-audit-event';
import { randomToken, sha256 } from '../crypto/random-token';
import { AppError } from '../errors';
import type { AccountDeps, RequestMeta } from './account-deps';
import { findUserById } from './create-session';
import { verifyPassword } from './passwords';

const PERIOD = 30;
const RECOVERY_CODES = 10;

/** Starts 2FA setup: a new secret (kept encrypted) to scan; not active until a code confirms it. */
export async function setupTwoFactor(deps: AccountDeps, userId: string) {
  const user = await findUserById(deps, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
  if (user.totpEnabledAt) throw new AppError('CONFLICT', 'two-factor sign-in is already on');
  const secret = generateSecret();
  await deps.db
    .update(users)
    .set({ totpSecret: deps.secrets.seal(secret), updatedAt: deps.clock() })
    .where(eq(users.id, userId));
  return {
    secret,
    otpauthUrl: generateURI({ issuer: 'Digitallz', label: user.email, secret }),
  };
}

/** Confirms setup with a first code; returns the recovery codes, shown this once. */
export async function enableTwoFactor(
  deps: AccountDeps,
  userId: string,
  code: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const user = await findUserById(deps, userId);
  if (!user?.totpSecret) throw new AppError('CONFLICT', 'start two-factor setup first');
  if (user.totpEnabledAt) throw new AppError('CONFLICT', 'two-factor sign-in is already on');
  await acceptCode(deps, user, code);
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () =>
    randomToken(10).replace(/[-_]/g, 'x').slice(0, 12).toLowerCase(),
  );
  await deps.db
    .update(users)
    .set({ totpEnabledAt: deps.clock(), recoveryCodes: recoveryCodes.map(sha256) })
    .where(eq(users.id, userId));
  await recordAuditEvent(deps.db, { userId, action: 'auth.2fa_enabled', meta });
  return { recoveryCodes };
}

/** Turns 2FA off; needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(
  deps: AccountDeps,
  userId: string,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await findUserById(deps, userId);
  if (!user?.totpEnabledAt) throw new AppError('CONFLICT', 'two-factor sign-in is off');
  if (!(await verifyPassword(user.passwordHash, input.password)))
    throw new AppError('FORBIDDEN', 'the password is wrong');
  await checkSecondFactor(deps, user, input.code, meta);
  await deps.db
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [] })
    .where(eq(users.id, userId));
  await recordAuditEvent(deps.db, { userId, action: 'auth.2fa_disabled', meta });
}

type TotpUser = { id: string; totpSecret: string | null; totpLastStep: number | null };

/**
 * Accepts a 6-digit code or a recovery code (spent on use). Each code works once: the accepted
 * time step is recorded and older or equal steps are refused.
 */
export async function checkSecondFactor(
  deps: AccountDeps,
  user: TotpUser,
  code: string,
  meta: RequestMeta,
): Promise<void> {
  const trimmed = code.trim().toLowerCase();
  if (/^\d{6}$/.test(trimmed)) return acceptCode(deps, user, trimmed);
  const [spent] = await deps.db
    .update(users)
    .set({ recoveryCodes: sql`array_remove(${users.recoveryCodes}, ${sha256(trimmed)})` })
    .where(and(eq(users.id, user.id), sql`${sha256(trimmed)} = any(${users.recoveryCodes})`))
    .returning({ left: sql<number>`cardinality(${users.recoveryCodes})` });
  if (!spent) throw new AppError('UNAUTHENTICATED', 'the code is wrong or was already used');
  await recordAuditEvent(deps.db, {
    userId: user.id,
    action: 'auth.recovery_code_used',
    meta,
    details: { left: Number(spent.left) },
  });
}

async function acceptCode(deps: AccountDeps, user: TotpUser, code: string): Promise<void> {
  if (!user.totpSecret) throw new AppError('CONFLICT', 'two-factor sign-in is off');
  const secret = deps.secrets.open(user.totpSecret);
  const epoch = Math.floor(deps.clock().getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: PERIOD,
    afterTimeStep: user.totpLastStep ?? undefined,
  }).catch(() => ({ valid: false as const }));
  if (!result.valid) throw new AppError('UNAUTHENTICATED', 'the code is wrong or was already used');
  const step = 'timeStep' in result ? Number(result.timeStep) : Math.floor(epoch / PERIOD);
  // Two requests racing with one code: only one moves the step forward.
  const [moved] = await deps.db
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, user.id),
        isNotNull(users.totpSecret),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  if (!moved) throw new AppError('UNAUTHENTICATED', 'the code is wrong or was already used');
}
