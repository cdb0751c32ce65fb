import { describe, expect, it } from 'vitest';
import { isSecretName, MASK, maskSecretText, maskUrlPasswords, maskValue } from './mask.js';

describe('isSecretName', () => {
  it('recognises the usual secret names, whole words or glued', () => {
    for (const name of [
      'INLINE_PASS',
      'DB_PASS',
      'dbPass',
      'MYSQL_PWD',
      'SMTP_PW',
      'GPG_PASSPHRASE',
      'DBPASSWORD',
      'GITHUBTOKEN',
      'BASIC_AUTH',
      'AUTHORIZATION',
      'DOCKER_CREDS',
      'SESSION_ID',
      'SENTRY_DSN',
      'COOKIE_NAME_SIGNING',
      'PASSWORD_SALT',
      'JWT',
      'AZURE_CONNECTION_STRING',
      'SSH_PRIVATE',
      'stripeApiKey',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves ordinary names alone, including PATH, PWD and OLDPWD', () => {
    for (const name of [
      'PATH',
      'PWD',
      'OLDPWD',
      'pwd',
      'PORT',
      'HOST',
      'NODE_ENV',
      'BYPASS_CACHE',
      'COMPASS_DIR',
      'AUTHOR',
      'NEXTAUTH_URL',
      'SSL_CERT_FILE',
      'PASSENGER_APP_ENV',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('maskUrlPasswords', () => {
  it('hides everything between the first ":" and the LAST "@" of the authority', () => {
    expect(maskUrlPasswords('amqp://u:p@ss@mq/')).toBe(`amqp://u:${MASK}@mq/`);
    expect(maskUrlPasswords('postgres://admin:s3:cr@t@db:5432/app?x=@y')).toBe(
      `postgres://admin:${MASK}@db:5432/app?x=@y`,
    );
    expect(maskUrlPasswords('redis://:onlypass@cache:6379')).toBe(`redis://:${MASK}@cache:6379`);
  });

  it('hides a password with an unencoded "/" rather than show part of it', () => {
    const masked = maskUrlPasswords('mongodb://u:pa/ss@host/db');
    expect(masked).not.toContain('pa/ss');
    expect(masked.startsWith(`mongodb://u:${MASK}@`)).toBe(true);
  });

  it('keeps URLs without a password as they are', () => {
    for (const text of [
      'http://user@localhost/',
      'http://localhost:3000/@scope/pkg',
      'https://registry.example.com:8443/@babel%2fcore',
      'no url here',
    ]) {
      expect(maskUrlPasswords(text), text).toBe(text);
    }
  });

  it('masks every URL inside a longer value such as a command line', () => {
    expect(maskUrlPasswords('psql "postgres://a:one@db/x" && curl ftp://b:two@files/ -o out')).toBe(
      `psql "postgres://a:${MASK}@db/x" && curl ftp://b:${MASK}@files/ -o out`,
    );
  });

  it('handles adversarial values of 1 MiB in one pass', () => {
    const many = 'a://b:'.repeat(200_000);
    expect(maskUrlPasswords(many)).toBe(many);
    const word = `${'x'.repeat(1 << 20)}://u:p@h`;
    expect(maskUrlPasswords(word).endsWith(`://u:${MASK}@h`)).toBe(true);
  });
});

describe('maskValue', () => {
  it('masks secret names whole and URL passwords in other values', () => {
    expect(maskValue('INLINE_PASS', 'inline-pass-4444')).toBe(MASK);
    expect(maskValue('BROKER', 'amqp://u:p@ss@mq/')).toBe(`amqp://u:${MASK}@mq/`);
    expect(maskValue('PWD', '/home/me/app')).toBe('/home/me/app');
  });
});

describe('maskSecretText: credentials by their shape (issue 11, secrets)', () => {
  it('hides a credential after its scheme, well-known token formats, secret assignments and flags', () => {
    expect(maskSecretText("curl -H 'Authorization: Bearer abc123def456' http://x")).toBe(
      `curl -H 'Authorization: Bearer ${MASK}' http://x`,
    );
    expect(maskValue('HEADER', 'Bearer abc123def456')).toBe(`Bearer ${MASK}`);
    expect(maskValue('UPSTREAM', 'Basic dXNlcjpwYXNzd29yZA==')).toBe(`Basic ${MASK}`);
    expect(maskSecretText('token ghp_0123456789abcdefghijABCDEFGHIJ012345 here')).toBe(`token ${MASK} here`);
    expect(maskSecretText('key sk-proj-abcdefghijklmnop1234')).toBe(`key ${MASK}`);
    expect(maskSecretText('AKIAABCDEFGHIJKLMNOP')).toBe(MASK);
    expect(maskSecretText('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefSIGNATURE')).toBe(MASK);
    expect(maskSecretText('API_TOKEN=s3cr3t-value node server.js')).toBe(`API_TOKEN=${MASK} node server.js`);
    expect(maskSecretText('psql --password=hunter22 --port 5432')).toBe(
      `psql --password=${MASK} --port 5432`,
    );
    expect(maskSecretText('deploy --api-key abcdef --verbose')).toBe(`deploy --api-key ${MASK} --verbose`);
    expect(maskSecretText('psql postgres://u:pw1234@db/app')).toBe(`psql postgres://u:${MASK}@db/app`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'vite --port 5173 --host',
      'PORT=3000 NODE_ENV=development node server.js',
      'Bearer', // a word, no credential
      'the skeleton key-frame',
      'npm run build -- --mode production',
    ])
      expect(maskSecretText(text), text).toBe(text);
  });
});
