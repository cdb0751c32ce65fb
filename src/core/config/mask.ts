/**
 * Hiding secrets wherever brum displays an environment (TUI, MCP, `--settings`). A variable is secret
 * when its name says so; a URL's password is hidden whatever the variable is called.
 */

/** Shown instead of a secret value. It carries no hint of the value, not even its length. */
export const MASK = '••••';

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i;

/** True for names such as `API_KEY`, `GITHUB_TOKEN`, `db_password`, `PRIVATE_PEM`. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

// scheme://user:password@host — the password part only; a bare `user@host` has nothing to hide.
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)([^@\s/]+)(@)/i;

/** The value as it may be displayed: masked for secret names, URL passwords hidden otherwise. */
export function maskValue(name: string, value: string): string {
  if (isSecretName(name)) return MASK;
  return value.replace(URL_PASSWORD, `$1${MASK}$3`);
}

/** A copy of `env` safe to display. */
export function maskEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, maskValue(name, value)]));
}
