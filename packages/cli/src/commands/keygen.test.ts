import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, loadPrivateKey, loadPublicKey } from '@auditgate/checkpoint';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();

/** Returns the base64 body lines of a PEM file, which must never reach the output. */
function pemBody(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----'));
}

describe('keygen', () => {
  it('writes the private key with mode 0600 and the public key beside it', async () => {
    const out = join(files.dir, 'signing.key');
    const result = await runCli(['keygen', '--out', out]);

    expect(result.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(`${out}.pub`).mode & 0o777).toBe(0o644);
    expect(readFileSync(out, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    expect(readFileSync(`${out}.pub`, 'utf8')).toContain('-----BEGIN PUBLIC KEY-----');
    await expect(loadPrivateKey(out)).resolves.toBeDefined();
  });

  it('prints the key id and both paths, never key material', async () => {
    const out = join(files.dir, 'printed.key');
    const result = await runCli(['keygen', '--out', out]);
    const keyId = keyIdOf(await loadPublicKey(`${out}.pub`));

    expect(result.stdout).toContain(`key id:      ${keyId}`);
    expect(result.stdout).toContain(`private key: ${out} (mode 0600`);
    expect(result.stdout).toContain(`public key:  ${out}.pub`);
    for (const line of [...pemBody(out), ...pemBody(`${out}.pub`)]) {
      expect(result.stdout).not.toContain(line);
      expect(result.stderr).not.toContain(line);
    }
    expect(result.stdout).not.toContain('BEGIN');
    expect(result.stderr).toBe('');
  });

  it('prints an object with --json', async () => {
    const result = await runCli(['keygen', '--out', 'relative.key', '--json'], { cwd: files.dir });
    const keyId = keyIdOf(await loadPublicKey(join(files.dir, 'relative.key.pub')));

    expect(JSON.parse(result.stdout)).toEqual({ keyId, privateKeyPath: 'relative.key', publicKeyPath: 'relative.key.pub' });
    expect(result.status).toBe(0);
  });

  it('rejects an existing private key and leaves it unchanged', async () => {
    const out = join(files.dir, 'existing.key');
    await runCli(['keygen', '--out', out]);
    const before = readFileSync(out, 'utf8');

    const result = await runCli(['keygen', '--out', out, '--json']);

    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'KEY_EXISTS', message: expect.stringContaining(`${out} exists already; keygen never overwrites a key`) } });
    expect(result.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('rejects an existing public key without writing the private one', async () => {
    const out = join(files.dir, 'half.key');
    writeFileSync(`${out}.pub`, 'not a key');

    const result = await runCli(['keygen', '--out', out]);

    expect(result.stderr).toContain(`${out}.pub exists already`);
    expect(result.status).toBe(2);
    expect(() => statSync(out)).toThrow();
  });

  it.each([
    [[], 'missing --out FILE'],
    [['signing.key'], 'unexpected argument "signing.key"'],
    [['--out', 'no-such-dir/signing.key'], 'cannot create the key files: its directory does not exist'],
    [['--out', '-'], '--out - is not accepted'],
  ])('rejects %j', async (args, message) => {
    const result = await runCli(['keygen', ...args], { cwd: files.dir });

    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
  });

  it('writes no file named -', async () => {
    await runCli(['keygen', '--out', '-'], { cwd: files.dir });

    expect(() => statSync(join(files.dir, '-'))).toThrow();
    expect(() => statSync(join(files.dir, '-.pub'))).toThrow();
  });
});
