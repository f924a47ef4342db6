export * from './access-tokens';
export * from './account-deps';
export { type AdminUser, findUsers, getUserAsAdmin, updateUserAsAdmin } from './admin-users';
export { createSession, type IssuedSession } from './create-session';
export { deleteAccount } from './delete-account';
export { exportAccountData } from './export-account-data';
export { createPrincipalLoader, principalCacheKey, type UserPrincipal } from './load-principal';
export { changePassword, getAccount, updateAccount } from './manage-account';
export {
  type ConnectionDeps,
  deleteConnection,
  findConnections,
  loadConnectionCredentials,
  saveConnection,
} from './manage-marketplace-connections';
export { refreshSession } from './refresh-session';
export { requestPasswordReset, resetPassword } from './reset-password';
export { completeSignIn, type SignInResult, signIn } from './sign-in';
export { signOut } from './sign-out';
export { type SignUpInput, signUp } from './sign-up';
export { disableTwoFactor, enableTwoFactor, setupTwoFactor } from './two-factor';
export { resendVerification, verifyEmail } from './verify-email';
