import net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, utils, type ClientChannel, type ConnectConfig } from 'ssh2';
import { UserError } from '../errors';

export interface SshTunnelOptions {
  host: string;
  /** Default 22. */
  port?: number;
  user: string;
  password?: string;
  /** PEM or OpenSSH private key text. */
  privateKey?: string;
  passphrase?: string;
  /** Where the SSH server should connect to, as seen from the SSH server (usually 127.0.0.1:5432). */
  targetHost: string;
  targetPort: number;
  /** Default 15000. */
  readyTimeoutMs?: number;
  /** Only spells the `nexus secret set <company> <source> …` command in error messages. */
  secretScope?: { company: string; source: string };
}

export interface SshTunnel {
  localHost: '127.0.0.1';
  localPort: number;
  close(): Promise<void>;
}

const DEFAULT_READY_TIMEOUT_MS = 15_000;
const CLOSE_WAIT_MS = 3_000;
/** SSH_MSG_CHANNEL_OPEN_FAILURE reason 1 (RFC 4254 §5.1): the server forbids forwarding. */
const ADMINISTRATIVELY_PROHIBITED = 1;

/**
 * Opens one SSH connection and a local listener on 127.0.0.1 whose every connection is forwarded
 * through it to targetHost:targetPort. Resolves only after one forward to the target has worked,
 * so a database the SSH server cannot reach fails here, with a clear message, not later in a driver.
 */
export async function openSshTunnel(options: SshTunnelOptions, signal?: AbortSignal): Promise<SshTunnel> {
  signal?.throwIfAborted();
  const config = connectConfig(options);
  const client = new Client();
  try {
    await connect(client, config, options, signal);
    await probeForward(client, options, signal);
    return await listen(client, options);
  } catch (err) {
    client.on('error', () => {});
    client.end();
    throw err;
  }
}

function endpoint(options: SshTunnelOptions): string {
  return `${options.host}:${options.port ?? 22}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function secretCommand(options: SshTunnelOptions, name: string): string {
  const scope = options.secretScope;
  return `nexus secret set ${scope?.company ?? '<empresa>'} ${scope?.source ?? '<fonte>'} ${name}`;
}

function connectConfig(options: SshTunnelOptions): ConnectConfig {
  if (!options.password && !options.privateKey) {
    throw new UserError(
      `O túnel SSH para ${endpoint(options)} não tem senha nem chave privada: salve uma delas com "${secretCommand(options, 'ssh_password')}" ou "${secretCommand(options, 'ssh_key')}".`,
      'ssh-missing-credentials',
    );
  }
  if (options.privateKey) {
    // Parsed here, not by ssh2's connect(), to tell a bad key from a refused login.
    const parsed = utils.parseKey(options.privateKey, options.passphrase);
    if (parsed instanceof Error) {
      const why = /passphrase/i.test(parsed.message)
        ? options.passphrase
          ? 'a senha da chave (passphrase) está errada'
          : 'a chave é protegida por senha (passphrase) e nenhuma foi informada'
        : 'o texto não é uma chave privada OpenSSH ou PEM completa';
      throw new UserError(
        `A chave privada do túnel SSH não pôde ser lida porque ${why}: salve a chave inteira, do "-----BEGIN" ao "-----END", com "${secretCommand(options, 'ssh_key')}".`,
        'ssh-key-invalid',
      );
    }
  }
  return {
    host: options.host,
    port: options.port ?? 22,
    username: options.user,
    password: options.password,
    privateKey: options.privateKey,
    passphrase: options.passphrase,
    readyTimeout: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    // A silently dropped connection (NAT, VPN) must surface as an error instead of hanging queries.
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
  };
}

function connect(client: Client, config: ConnectConfig, options: SshTunnelOptions, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cleanup();
      client.destroy();
      reject(signal?.reason);
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(connectError(err, options));
    };
    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      client.off('ready', onReady);
      client.off('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', onReady);
    client.once('error', onError);
    client.connect(config);
  });
}

function connectError(err: Error & { code?: unknown; level?: unknown }, options: SshTunnelOptions): UserError {
  const where = endpoint(options);
  if (err.code === 'ECONNREFUSED') {
    return new UserError(
      `O servidor SSH ${where} recusou a conexão: confira o endereço e a porta do túnel SSH (ssh_host/ssh_port) e se o serviço SSH está no ar.`,
      'ssh-refused',
    );
  }
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new UserError(
      `O endereço do servidor SSH "${options.host}" não foi encontrado (DNS): confira o nome em ssh_host e a conexão com a internet.`,
      'ssh-unreachable',
    );
  }
  if (err.level === 'client-timeout' || err.code === 'ETIMEDOUT' || err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') {
    return new UserError(
      `O servidor SSH ${where} não respondeu em ${duration(options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS)}: confira o endereço e a porta (ssh_host/ssh_port) e se um firewall ou VPN bloqueia o acesso.`,
      'ssh-unreachable',
    );
  }
  if (err.level === 'client-authentication') {
    const method = options.privateKey
      ? options.password ? 'a chave privada e a senha' : 'a chave privada'
      : 'a senha';
    const fix = options.privateKey
      ? `confira se a chave pública está autorizada no servidor ou salve a chave certa com "${secretCommand(options, 'ssh_key')}"`
      : `salve a senha certa com "${secretCommand(options, 'ssh_password')}"`;
    return new UserError(
      `O servidor SSH ${where} recusou o login do usuário "${options.user}" com ${method}: confira o usuário (ssh_user) e ${fix}.`,
      'ssh-auth',
    );
  }
  return new UserError(
    `A conexão com o servidor SSH ${where} falhou (${scrub(err.message, options)}): confira o endereço e a porta (ssh_host/ssh_port) e tente de novo.`,
    'ssh-failed',
  );
}

/** Belt and braces: no message we build may echo a secret, whatever a library put in its text. */
function scrub(text: string, options: SshTunnelOptions): string {
  let out = text;
  for (const secret of [options.password, options.passphrase, options.privateKey]) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}

function forward(client: Client, options: SshTunnelOptions, source: { address: string; port: number }): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.forwardOut(source.address, source.port, options.targetHost, options.targetPort, (err, channel) => {
        if (err) reject(forwardError(err, options));
        else resolve(channel);
      });
    } catch (err) {
      // ssh2 throws synchronously once the connection is gone.
      reject(forwardError(err as Error, options));
    }
  });
}

function forwardError(err: Error & { reason?: unknown }, options: SshTunnelOptions): UserError {
  const target = `${options.targetHost}:${options.targetPort}`;
  const why = err.reason === ADMINISTRATIVELY_PROHIBITED
    ? 'o servidor SSH não permite encaminhamento de portas (AllowTcpForwarding)'
    : 'o banco de dados não é acessível a partir do servidor SSH';
  return new UserError(
    `O servidor SSH ${endpoint(options)} não conseguiu abrir a conexão para ${target} porque ${why}: confira o host e a porta do banco como vistos pelo servidor SSH e se o banco está no ar.`,
    'ssh-forward-refused',
    { reason: err.reason },
  );
}

function probeForward(client: Client, options: SshTunnelOptions, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // A target behind a firewall that drops packets would keep the SSH server waiting for minutes.
    const timer = setTimeout(() => {
      finish();
      reject(new UserError(
        `O servidor SSH ${endpoint(options)} não conseguiu conectar em ${options.targetHost}:${options.targetPort} em ${duration(timeoutMs)} porque o banco de dados não responde a partir do servidor SSH: confira o host e a porta do banco como vistos pelo servidor SSH.`,
        'ssh-forward-refused',
      ));
    }, timeoutMs);
    const onAbort = () => {
      finish();
      reject(signal?.reason);
    };
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    forward(client, options, { address: '127.0.0.1', port: 0 }).then(
      (channel) => {
        channel.on('error', () => {});
        channel.close();
        if (done) return;
        finish();
        resolve();
      },
      (err: unknown) => {
        if (done) return;
        finish();
        reject(err);
      },
    );
  });
}

function listen(client: Client, options: SshTunnelOptions): Promise<SshTunnel> {
  const sockets = new Set<net.Socket>();
  const channels = new Set<Duplex>();
  let closing: Promise<void> | undefined;
  let clientClosed = false;

  const clientGone = new Promise<void>((resolve) => client.once('close', () => {
    clientClosed = true;
    resolve();
  }));
  // Errors after 'ready' (a dropped connection, a failed keepalive) end in 'close', handled below.
  client.on('error', () => {});

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
    forward(client, options, { address: socket.remoteAddress ?? '127.0.0.1', port: socket.remotePort ?? 0 }).then(
      (channel) => {
        channel.on('error', () => socket.destroy());
        if (socket.destroyed || closing) {
          channel.close();
          return;
        }
        channels.add(channel);
        channel.once('close', () => {
          channels.delete(channel);
          socket.destroy();
        });
        socket.once('close', () => channel.destroy());
        socket.pipe(channel).pipe(socket);
      },
      () => socket.destroy(),
    );
  });

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      for (const channel of channels) channel.destroy();
      if (!clientClosed) client.end();
      let timer: NodeJS.Timeout | undefined;
      // A server that never acknowledges the disconnect must not keep close() waiting forever.
      const gaveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      });
      await Promise.all([serverClosed, Promise.race([clientGone, gaveUp])]);
      clearTimeout(timer);
    })();
    return closing;
  };
  // Without the SSH connection nothing can be forwarded: stop accepting so clients fail fast.
  void clientGone.then(() => close());

  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new UserError(
      `Não foi possível abrir a porta local do túnel SSH em 127.0.0.1 (${err.message}): tente de novo.`,
      'ssh-local-listen',
    )));
    server.listen(0, '127.0.0.1', () => {
      server.on('error', () => {});
      const { port } = server.address() as net.AddressInfo;
      resolve({ localHost: '127.0.0.1', localPort: port, close });
    });
  });
}
