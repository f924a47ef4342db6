export {
  createOAuthProvider,
  OAUTH_PROVIDERS,
  type OAuthChecks,
  type OAuthIdentity,
  type OAuthProvider,
  type OAuthProviderConfig,
  type OAuthProviderName,
} from './oauth-provider';
export { signInWithOAuth } from './sign-in-with-oauth';
