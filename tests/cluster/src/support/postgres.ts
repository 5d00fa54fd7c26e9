import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, run } from './processes';

const DATABASE = 'signal_room';

/** The newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/<major>/bin). */
function serverBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((major) => existsSync(join(root, major, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors[0]) throw new Error(`no PostgreSQL server binaries under ${root}/<major>/bin`);
  return join(root, majors[0], 'bin');
}

/**
 * A PostgreSQL server of the suite's own: a fresh cluster in a temporary folder, on a free port,
 * reachable on 127.0.0.1 only, stopped and removed at the end. The machine's own server is never
 * touched. initdb refuses to run as root, so as root every server command runs as `postgres`.
 */
export class PrivatePostgres {
  readonly url: string;
  private readonly bin = serverBinaries();
  private readonly asRoot = userInfo().uid === 0;
  private up = false;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'signal-room-cluster-pg-'));
    const postgres = new PrivatePostgres(dir, await freePort());
    try {
      if (postgres.asRoot) {
        const { uid, gid } = await postgres.postgresUser();
        chownSync(dir, uid, gid);
      }
      await postgres.server('initdb', [
        '-D',
        postgres.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
      ]);
      await postgres.resume();
      const admin = new Client({ connectionString: postgres.url.replace(DATABASE, 'postgres') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${DATABASE}`);
      await admin.end();
      return postgres;
    } catch (error) {
      await postgres.destroy();
      throw error;
    }
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A clean stop: connections are cut (`-m fast`), committed work is kept. */
  async halt(): Promise<void> {
    await this.server('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
    this.up = false;
  }

  get running(): boolean {
    return this.up;
  }

  async resume(): Promise<void> {
    await this.server('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);
    this.up = true;
  }

  /** Stops the server if it runs and removes its folder. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.server('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private server(program: string, args: string[]): Promise<string> {
    const path = join(this.bin, program);
    return this.asRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
  }

  private async postgresUser(): Promise<{ uid: number; gid: number }> {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  }
}
