export { randomToken, safeEqual, sha256 } from './random-token';
export { type ResealResult, resealSecrets } from './reseal-secrets';
export { createSecretBox, type Keyring, parseKeyring, type SecretBox } from './secret-box';
