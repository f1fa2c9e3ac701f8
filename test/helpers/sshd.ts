import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';
/**
 * A dedicated account rather than root: password login then needs no PermitRootLogin and never
 * touches root's password, and the account has no shell (nologin), which is all a `-N`-style
 * port forward needs. Its password is reset on every start, so nothing secret outlives a run.
 */
const TUNNEL_USER = 'nexustunnel';

export interface Sshd {
  port: number;
  user: string;
  password: string;
  /** OpenSSH-format ed25519 private key whose public half is authorized for `user`. */
  privateKey: string;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (closed again, so something else may still race for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], input?: string): void {
  const result = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (result.error) throw new Error(`${cmd} não pôde ser executado: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} falhou (${result.status}): ${result.stderr.trim()}`);
}

function ensureTunnelUser(password: string): void {
  if (spawnSync('id', [TUNNEL_USER]).status !== 0) {
    run('useradd', ['--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', TUNNEL_USER]);
  }
  run('chpasswd', [], `${TUNNEL_USER}:${password}\n`);
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a real OpenSSH server on 127.0.0.1 with password and public-key login and TCP forwarding. */
export async function startSshd(): Promise<Sshd> {
  if (!existsSync(SSHD)) {
    throw new Error(`${SSHD} não existe: instale o pacote openssh-server (apt-get install openssh-server) para os testes do túnel SSH.`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error('Os testes do túnel SSH precisam rodar como root: criam o usuário local nexustunnel e iniciam o sshd.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'nexus-sshd-'));
  try {
    const password = randomBytes(12).toString('base64url');
    ensureTunnelUser(password);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'nexus-test', '-f', join(dir, 'client_key')]);
    // sshd reads authorized_keys as the login user, so it and its directory must be readable by others.
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o644 });
    const port = await freePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        'ListenAddress 127.0.0.1',
        `Port ${port}`,
        `HostKey ${join(dir, 'host_key')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        // The temp dir and its files belong to root, not to the login user; StrictModes would reject them.
        'StrictModes no',
        // Without PAM sshd checks the password against /etc/shadow itself, which works the same in
        // containers that have no PAM session setup (loginuid and friends) to go wrong.
        'UsePAM no',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        `AllowUsers ${TUNNEL_USER}`,
        'AllowTcpForwarding yes',
        'PermitTTY no',
        'X11Forwarding no',
        // Wrong-password tests should fail fast, not wait out the default delay before another try.
        'MaxAuthTries 3',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      log = (log + chunk).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let running = true;
    void exited.then(() => {
      running = false;
    });
    child.once('error', (err) => {
      log += `\n${err.message}`;
    });

    const deadline = Date.now() + 10_000;
    while (!(await acceptsConnections(port))) {
      if (!running || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`O sshd de teste não aceitou conexões em 127.0.0.1:${port}:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }

    return {
      port,
      user: TUNNEL_USER,
      password,
      privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
      async close() {
        if (running) {
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
