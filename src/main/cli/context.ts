import { NexusCore } from '../core/nexusCore';
import { defaultDataDir } from '../core/paths';
import { KeychainVault } from '../core/secrets/vault';

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export interface CliContext {
  io: CliIo;
  dataDir: string;
  core(): NexusCore;
}

export function createContext(dataDirFlag: string | undefined, io: CliIo): CliContext & { close(): void } {
  const dataDir = dataDirFlag ?? defaultDataDir();
  let core: NexusCore | null = null;
  return {
    io,
    dataDir,
    core() {
      core ??= new NexusCore({ dataDir, vault: new KeychainVault() });
      return core;
    },
    close() {
      core?.close();
    },
  };
}

export function print(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
