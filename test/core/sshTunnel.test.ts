import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/main/core/errors';
import { openSshTunnel, type SshTunnel, type SshTunnelOptions } from '../../src/main/core/net/sshTunnel';
import { freePort, startSshd, type Sshd } from '../helpers/sshd';
import { tempDir } from '../helpers/tmp';

const POSTGRES = { host: '127.0.0.1', port: 5432 };

let sshd: Sshd;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.close();
});

function options(overrides: Partial<SshTunnelOptions>): SshTunnelOptions {
  return { host: '127.0.0.1', port: sshd.port, user: sshd.user, targetHost: POSTGRES.host, targetPort: POSTGRES.port, ...overrides };
}

async function selectOne(tunnel: SshTunnel, tag: number): Promise<number> {
  const client = new pg.Client({ host: tunnel.localHost, port: tunnel.localPort, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>('SELECT $1::int AS n', [tag]);
    return result.rows[0].n;
  } finally {
    await client.end();
  }
}

async function openFailure(opts: SshTunnelOptions): Promise<UserError> {
  const err = await openSshTunnel(opts).then(
    () => { throw new Error('o túnel abriu, mas devia ter falhado'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('SSH tunnel through a real OpenSSH server', () => {
  it('forwards several concurrent PostgreSQL connections with the private key', async () => {
    const tunnel = await openSshTunnel(options({ privateKey: sshd.privateKey }));
    try {
      expect(tunnel.localHost).toBe('127.0.0.1');
      expect(tunnel.localPort).toBeGreaterThan(0);
      const tags = Array.from({ length: 6 }, (_, i) => i + 1);
      expect(await Promise.all(tags.map((tag) => selectOne(tunnel, tag)))).toEqual(tags);
      // A connection after the first batch still works: nothing was torn down with those sockets.
      expect(await selectOne(tunnel, 42)).toBe(42);
    } finally {
      await tunnel.close();
    }
  });

  it('survives a forwarded connection that is reset mid-stream', async () => {
    const tunnel = await openSshTunnel(options({ privateKey: sshd.privateKey }));
    try {
      const socket = net.connect(tunnel.localPort, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((done) => socket.once('connect', () => done()));
      socket.write(Buffer.alloc(64 * 1024, 0xff));
      socket.resetAndDestroy();
      await new Promise<void>((done) => socket.once('close', () => done()));
      expect(await selectOne(tunnel, 5)).toBe(5);
    } finally {
      await tunnel.close();
    }
  });

  it('forwards PostgreSQL connections with the password', async () => {
    const tunnel = await openSshTunnel(options({ password: sshd.password }));
    try {
      expect(await Promise.all([selectOne(tunnel, 7), selectOne(tunnel, 8), selectOne(tunnel, 9)])).toEqual([7, 8, 9]);
    } finally {
      await tunnel.close();
    }
  });

  it('reports a wrong password as ssh-auth without echoing it', async () => {
    const wrong = `${sshd.password}-errada`;
    const err = await openFailure(options({ password: wrong }));
    expect(err.code).toBe('ssh-auth');
    expect(err.message).not.toContain(wrong);
    expect(err.message).not.toContain(sshd.password);
    expect(err.message).toContain('ssh_password');
    expect(err.message).toContain(sshd.user);
  });

  it('names the company and source in the secret command when given', async () => {
    const err = await openFailure(options({ password: 'nada-disso', secretScope: { company: 'acme', source: 'chatwoot' } }));
    expect(err.code).toBe('ssh-auth');
    expect(err.message).toContain('nexus secret set acme chatwoot ssh_password');
  });

  it('reports a closed SSH port as ssh-refused', async () => {
    const port = await freePort();
    const err = await openFailure(options({ port, password: sshd.password }));
    expect(err.code).toBe('ssh-refused');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('reports a target the SSH server cannot reach as ssh-forward-refused', async () => {
    const targetPort = await freePort();
    const err = await openFailure(options({ privateKey: sshd.privateKey, targetPort }));
    expect(err.code).toBe('ssh-forward-refused');
    expect(err.message).toContain(`127.0.0.1:${targetPort}`);
    expect(err.message).toContain('banco de dados');
  });

  it('reports a garbage private key as ssh-key-invalid', async () => {
    const garbage = '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END OPENSSH PRIVATE KEY-----\n';
    const err = await openFailure(options({ privateKey: garbage }));
    expect(err.code).toBe('ssh-key-invalid');
    expect(err.message).not.toContain('bm90IGEga2V5');
    expect(err.message).toContain('ssh_key');
  });

  it('reports a wrong or missing passphrase of an encrypted key as ssh-key-invalid', async () => {
    const keyFile = join(tempDir(), 'key');
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'frase-certa', '-f', keyFile], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    const privateKey = readFileSync(keyFile, 'utf8');
    const wrong = await openFailure(options({ privateKey, passphrase: 'frase-errada' }));
    expect(wrong.code).toBe('ssh-key-invalid');
    expect(wrong.message).toContain('está errada');
    expect(wrong.message).not.toContain('frase-errada');
    const missing = await openFailure(options({ privateKey }));
    expect(missing.code).toBe('ssh-key-invalid');
    expect(missing.message).toContain('nenhuma foi informada');
  });

  it('reports a server that never answers the handshake as ssh-unreachable, and honours the abort signal', async () => {
    // Reads and ignores the client's greeting; reading is also what lets it notice the client hang up.
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', () => done()));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const err = await openFailure(options({ port, password: 'x', readyTimeoutMs: 300 }));
      expect(err.code).toBe('ssh-unreachable');
      expect(err.message).toContain(`127.0.0.1:${port}`);

      const controller = new AbortController();
      const opening = openSshTunnel(options({ port, password: 'x' }), controller.signal);
      setTimeout(() => controller.abort(new Error('cancelado pelo teste')), 50);
      await expect(opening).rejects.toThrow('cancelado pelo teste');
    } finally {
      // Resolves only once both failed attempts have dropped their sockets.
      await new Promise<void>((done) => silent.close(() => done()));
    }
  });

  it('requires a password or a private key', async () => {
    const err = await openFailure(options({}));
    expect(err.code).toBe('ssh-missing-credentials');
  });

  it('frees the local port on close, and close is idempotent', async () => {
    const tunnel = await openSshTunnel(options({ privateKey: sshd.privateKey }));
    expect(await selectOne(tunnel, 1)).toBe(1);
    // A connection still open at close time must be ended too, or the server would never close.
    const idle = net.connect(tunnel.localPort, '127.0.0.1');
    idle.on('error', () => {});
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
    await Promise.all([tunnel.close(), tunnel.close()]);
    await tunnel.close();
    await idleClosed;
    expect(await connectOutcome(tunnel.localPort)).toBe('ECONNREFUSED');
  });

  it('leaves no open handles: a process that opens, uses and closes a tunnel exits by itself', async () => {
    const dir = tempDir();
    const script = join(dir, 'tunnel.ts');
    const moduleUrl = resolve(__dirname, '../../src/main/core/net/sshTunnel.ts');
    writeFileSync(
      script,
      `import net from 'node:net';
import { openSshTunnel } from ${JSON.stringify(moduleUrl)};
const options = JSON.parse(process.env.TUNNEL_OPTIONS ?? '{}');
openSshTunnel(options).then(async (tunnel) => {
  await new Promise<void>((done) => {
    const socket = net.connect(tunnel.localPort, '127.0.0.1', () => { socket.end(); });
    socket.on('close', () => done());
    socket.on('error', () => {});
  });
  await tunnel.close();
  console.log('closed');
});
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, TUNNEL_OPTIONS: JSON.stringify(options({ privateKey: sshd.privateKey })) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exit = await new Promise<number | string>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done('still running 10 s later');
      }, 10_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        done(code ?? 'killed');
      });
    });
    expect({ exit, output: output.trim() }).toEqual({ exit: 0, output: 'closed' });
  });
});
