import { envLiteralSecretRule, isLiteralSecret } from '../../../../src/validation/rules/policy/secrets';
import { container, deployment, run } from '../cross/fixtures';

describe('policy/env-literal-secret judges the value, not only the name', () => {
  const secrets: [string, string][] = [
    ['DB_PASSWORD', 'changeme'],
    ['MYSQL_ROOT_PASSWORD', 'hunter2'],
    ['OAUTH2_PROXY_COOKIE_SECRET', 'c2VjcmV0LWNvb2tpZS12YWx1ZQ=='],
    ['GITHUB_TOKEN', 'ghp_0123456789abcdefABCDEF0123456789abcd'],
    ['API_KEY', 'abc'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['STRIPE_PRIVATE_KEY', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['LICENSE_KEY', 'ABCD-1234-EFGH-5678'],
    ['PASSWORD', 'p@ss word with spaces'],
    ['JWT_SECRET', '/9j4kK+Z'],
  ];
  const notSecrets: [string, string][] = [
    ['ALLOW_EMPTY_PASSWORD', 'yes'],
    ['ALLOW_EMPTY_PASSWORD', 'changeme'],
    ['DB_SECRET_NAME', 'db-credentials'],
    ['SECRET_NAME', 'db-credentials'],
    ['TLS_KEY_PATH', '/etc/tls/tls.key'],
    ['PASSWORD_FILE', '/run/secrets/x'],
    ['MYSQL_ROOT_PASSWORD_FILE', 'mysql-root-password'],
    ['DB_PASSWORD', ''],
    ['DB_PASSWORD', '   '],
    ['REDIS_TOKEN_ENABLED', 'true'],
    ['USE_TOKEN', 'true'],
    ['TOKEN_REFRESH', 'false'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['TOKEN_LIFETIME', '3600'],
    ['TOKEN_EXPIRY', '15m'],
    ['SESSION_TOKEN_TIMEOUT', '30s'],
    ['DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)'],
    ['DB_PASSWORD', '$(PREFIX)$(SUFFIX)'],
    ['VAULT_TOKEN', '/var/run/secrets/vault/token'],
    ['CACHE_KEY', 'users'],
    ['SORT_KEY', 'created_at'],
    ['LOG_LEVEL', 'a8f5f167f44f4964e6c998dee827110c'],
  ];
  test.each(secrets)('%s=%s is a credential', (name, value) => {
    expect(isLiteralSecret(name, value)).toBe(true);
  });
  test.each(notSecrets)('%s=%s is not a credential', (name, value) => {
    expect(isLiteralSecret(name, value)).toBe(false);
  });

  test('the rule reports exactly the literal credentials of every container, at the env entry', () => {
    const env = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
    const object = deployment({
      containers: [
        container({
          extra: {
            env: [
              ...env([['ALLOW_EMPTY_PASSWORD', 'yes'], ['DB_PASSWORD', 'changeme'], ['DB_SECRET_NAME', 'db']]),
              { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'db', key: 'token' } } },
              null,
            ],
          },
        }),
        container({ name: 'sidecar', extra: { env: env([['PASSWORD_FILE', '/run/secrets/x'], ['LICENSE_KEY', 'ABCD-1234-EFGH-5678']]) } }),
      ],
    });
    expect(run(envLiteralSecretRule, [object])).toEqual([
      {
        index: 0,
        path: 'spec.template.spec.containers[0].env[1].value',
        message: 'Forbidden: env var "DB_PASSWORD" of container "app" has a literal value; use valueFrom.secretKeyRef',
      },
      {
        index: 0,
        path: 'spec.template.spec.containers[1].env[1].value',
        message: 'Forbidden: env var "LICENSE_KEY" of container "sidecar" has a literal value; use valueFrom.secretKeyRef',
      },
    ]);
  });
});
