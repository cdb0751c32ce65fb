/**
 * Hiding secrets wherever brum displays an environment or a setting (TUI, MCP, `--settings`). A
 * variable is secret when its name says so; a URL's password is hidden whatever the variable is called.
 *
 * Masking errs on the side of hiding: a false positive hides a harmless value from the display (the
 * process still gets it), a false negative shows a password to whoever looks at the screen.
 */

/** Shown instead of a secret value. It carries no hint of the value, not even its length. */
export const MASK = '••••';

/**
 * Secret when found anywhere in the name, also glued to other words (`DBPASSWORD`, `GITHUBTOKEN`).
 * `KEY` stays a substring match as before (so `MONKEY` is masked: harmless).
 */
const SECRET_SUBSTRING =
  /KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|COOKIE|CONNECTION_?STRING/i;

/**
 * Secret when one whole word of the name (words split at `_`, `-`, `.` and camelCase humps). These are
 * too short to match inside other words: `PASS` is in `BYPASS` and `COMPASS`, `AUTH` in `AUTHOR`,
 * `DSN` could be in anything. `CERT` is not here: a certificate is public (its private key is caught
 * by `KEY`/`PRIVATE`) and `CERT_PATH`-style names are paths.
 */
const SECRET_WORDS = new Set([
  'PASS',
  'PWD',
  'PW',
  'AUTH',
  'AUTHORIZATION',
  'CREDS',
  'SESSION',
  'SESSIONID',
  'SID',
  'DSN',
  'SALT',
  'JWT',
  'BEARER',
  'OTP',
  'SIGNATURE',
]);

/**
 * Whole names that contain a secret word but are well-known non-secrets: the shell's working
 * directories (`PWD`, `OLDPWD`), which brum's children inherit.
 */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

/**
 * True for names such as `API_KEY`, `GITHUB_TOKEN`, `db_password`, `INLINE_PASS`, `MYSQL_PWD`,
 * `BASIC_AUTH`, `SENTRY_DSN`, `SESSION_ID`; false for `PATH`, `PWD`, `OLDPWD`, `PORT`, `BYPASS_CACHE`.
 */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET.has(name.toUpperCase())) return false;
  if (SECRET_SUBSTRING.test(name)) return true;
  return wordsOf(name).some((word) => SECRET_WORDS.has(word));
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;
const MAX_SCHEME = 32;
// A token ends at whitespace or a quote (a URL inside a command line or a quoted value).
const TOKEN_END = /[\s'"]/g;

/** Whether a URL scheme (a letter, then letters, digits, `+`, `.`, `-`) ends just before `at`. */
function hasScheme(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < MAX_SCHEME && SCHEME_CHAR.test(text[start - 1]!)) start--;
  for (; start < at; start++) if (/[a-z]/i.test(text[start]!)) return true;
  return false;
}

/** The index of the `:` that ends `user` in `user:`, starting at `from`, or -1 when there is none. */
function userEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === ':') return i;
    if ('/?#@\'" \t\r\n'.includes(char)) return -1;
  }
  return -1;
}

/** The end of the token that holds `from` (whitespace, a quote, or the end of the text). */
function tokenEnd(text: string, from: number): number {
  TOKEN_END.lastIndex = from;
  return TOKEN_END.exec(text)?.index ?? text.length;
}

/**
 * Where the password that starts at `from` ends (the index of the `@` before the host), or -1 when
 * what follows `user:` is not a password. The password runs to the LAST `@` of the authority, so
 * `amqp://u:p@ss@mq/` hides `p@ss`. When the authority holds no `@` and what follows `:` is not a
 * port number, a password with an unencoded `/`, `?` or `#` (`u:pa/ss@host`) runs to the last `@`
 * of the token: this may hide part of a path, never show a password.
 */
function passwordEnd(text: string, from: number, end: number, tokenLastAt: number): number {
  let authorityEnd = from;
  let lastAt = -1;
  let digitsOnly = true;
  for (; authorityEnd < end; authorityEnd++) {
    const char = text[authorityEnd]!;
    if (char === '/' || char === '?' || char === '#') break;
    if (char === '@') lastAt = authorityEnd;
    else if (char < '0' || char > '9') digitsOnly = false;
  }
  if (lastAt !== -1) return lastAt;
  if (digitsOnly) return -1; // host:port, no credentials
  return tokenLastAt > from ? tokenLastAt : -1;
}

/**
 * `text` with the password of every `scheme://user:password@host` in it replaced by {@link MASK}.
 * Linear in the length of `text`: each `://` is found with `indexOf`, each token is scanned once.
 */
export function maskUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  let end = -1;
  let lastAt = -1; // the last `@` of the current token, found once per token
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    if (at < copied || !hasScheme(text, at)) continue;
    const colon = userEnd(text, at + 3);
    if (colon === -1) continue;
    const from = colon + 1;
    if (from > end) {
      end = tokenEnd(text, from);
      lastAt = text.lastIndexOf('@', end - 1);
    }
    const passwordStop = passwordEnd(text, from, end, lastAt);
    if (passwordStop === -1) continue;
    out += text.slice(copied, from) + MASK;
    copied = passwordStop;
  }
  return out + text.slice(copied);
}

/**
 * The value as it may be displayed: masked for secret names; otherwise URL passwords and credentials
 * recognisable by their shape hidden (`Bearer abc123` under any name).
 */
export function maskValue(name: string, value: string): string {
  if (isSecretName(name)) return MASK;
  return maskSecretText(value);
}

/** A copy of `env` safe to display. */
export function maskEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, maskValue(name, value)]));
}

/**
 * Credentials recognisable by their shape, whatever they are called: an `Authorization` scheme and
 * its credential (`Bearer abc…`, `Basic dXNl…`), well-known token formats (GitHub, GitLab, npm, Slack,
 * Stripe/OpenAI-style `sk-`/`sk_live_`, AWS access key ids, Google API keys, JWTs) and a PEM private
 * key's header. Each alternative is a literal prefix and one bounded character class: linear time.
 */
const SECRET_SHAPES =
  /\b(?:Bearer|Basic|Token|Bot)\s+([A-Za-z0-9._~+/=-]{6,})|\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}|npm_[A-Za-z0-9]{30,}|xox[abprs]-[\w-]{10,}|sk-[\w-]{16,}|[sr]k_(?:live|test)_\w{10,}|AKIA[0-9A-Z]{16}|AIza[\w-]{35}|eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,})|-----BEGIN [A-Z ]*PRIVATE KEY-----/g;

/** `NAME=value` in a command line or a log line, where `NAME` is a secret name. */
const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s'"]+)/g;
/** `--password=x`, `--api-token x`: a flag whose name is a secret name, then its value. */
const SECRET_FLAG = /(--?[A-Za-z][\w-]*)([= ])("[^"]*"|'[^']*'|[^\s'"-][^\s'"]*)/g;

/**
 * `text` with credentials recognisable by their shape masked (see `SECRET_SHAPES`), plus the values
 * of `SECRET_NAME=value` assignments and `--secret-flag value` options, plus URL passwords. For texts
 * whose name says nothing (`run = "curl -H 'Authorization: Bearer abc123' …"`, a `ready_url`).
 */
export function maskSecretText(text: string): string {
  let out = maskUrlPasswords(text);
  out = out.replace(SECRET_SHAPES, (match: string, credential: string | undefined) =>
    credential === undefined ? MASK : match.slice(0, match.length - credential.length) + MASK,
  );
  out = out.replace(ASSIGNMENT, (match: string, name: string) =>
    isSecretName(name) ? `${name}=${MASK}` : match,
  );
  return out.replace(SECRET_FLAG, (match: string, flag: string, joint: string) =>
    isSecretName(flag.replace(/^-+/, '')) ? `${flag}${joint}${MASK}` : match,
  );
}
