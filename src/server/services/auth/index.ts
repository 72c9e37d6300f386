/**
 * Accounts and sign-in: passwords (scrypt), magic links, reset codes, TOTP, device sessions with
 * rotating refresh tokens. Routes and other services import from here only.
 */

export { consumeMagicLink, requestMagicLink } from './magic-link.js';
export { disableMfa, enableMfa, setupMfa } from './mfa.js';
export { changePassword } from './passwords.js';
export { confirmPasswordReset, requestPasswordReset } from './reset.js';
export {
  endSession,
  listSessions,
  refreshSession,
  revokeAllSessions,
  revokeSession,
} from './sessions.js';
export { register, signIn } from './sign-in.js';
export { authenticate, type TokenPair } from './tokens.js';
export {
  type AuthedUser,
  findUserByEmail,
  normaliseEmail,
  type PublicUser,
  publicUser,
  type UserRow,
} from './users.js';
