/** `fairdraw serve` (the web app) and `fairdraw admin create` (accounts from the command line). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FairDrawError } from '../../core/errors.js';
import { openOffice } from '../../app.js';
import { buildServer } from '../../server/app.js';
import { createAccount, ensureFirstAdmin } from '../../office/accounts/accounts.js';
import { DEMO_EVENT, loadDemo } from '../../office/demo/index.js';
import { parseFlags, required } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import { autoBackup } from '../auto-backup.js';
import { scheduledErasure } from '../scheduled-erasure.js';
import { purgeBackups } from '../erase-backups.js';
import type { Output } from '../io.js';
import type { Role } from '../../store/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export async function serve(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, {
    ...officeFlags,
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    'secure-cookies': { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'public-over-http': { type: 'boolean' },
    'trust-proxy': { type: 'boolean' },
  });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new FairDrawError('cli.port', '--port 必须是 1–65535 的整数', '--port must be an integer 1–65535', { field: '--port' });
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const tls = tlsFiles(values['tls-cert'] as string | undefined, values['tls-key'] as string | undefined);
  const plainOnNetwork = !tls && !isLoopbackHost(host);
  if (plainOnNetwork && !values['public-over-http']) {
    throw new FairDrawError(
      'cli.plain-http',
      `不能在网络地址 ${host} 上以明文 HTTP 提供工作台：密码会在网络上明文传输。请用 --tls-cert 和 --tls-key 启用 HTTPS（见 docs/deploy.zh-CN.md），或在本机 HTTPS 反向代理后面以 127.0.0.1 运行；如果只向其他设备提供公开页面（公示、见证人链接、直播），请加 --public-over-http`,
      `refusing to serve the console over plain HTTP on ${host}: passwords would cross the network in clear. Use --tls-cert and --tls-key (see docs/deploy.md), or run on 127.0.0.1 behind an HTTPS reverse proxy; to serve other machines only the public pages (portal, witness links, live view), add --public-over-http`,
      { field: '--host' },
    );
  }
  const office = await openOffice({ dataDir: values.data as string | undefined, database: values.database as string | undefined });
  const password = await ensureFirstAdmin(office);
  if (password) {
    io.out('first start: an admin account was created / 首次启动，已创建管理员账户');
    io.out(`  username 用户名: admin`);
    io.out(`  one-time password 一次性密码: ${password}`);
    io.out('  (shown once; create named accounts and keep this one safe / 仅显示一次，请妥善保管并为工作人员建立个人账户)');
  }
  if (values.demo && (await loadDemo(office, join(root, 'demo')))) io.out(`demo event loaded / 已载入演示批次: ${DEMO_EVENT}`);
  // After each milestone, a backup into DATA/backups/ (the newest ten are kept).
  const backups = autoBackup(office, office.dataDir, (line) => io.out(line));
  // On each event's retention date its children's personal data is erased (warned beforehand).
  const retention = scheduledErasure(office, office.dataDir, (line) => io.out(line));
  await retention.tick();
  const app = await buildServer({
    office,
    webDist: join(root, 'web', 'dist'),
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    secureCookies: Boolean(values['secure-cookies']),
    ...(tls ? { tls } : {}),
    publicOnlyOffLoopback: plainOnNetwork,
    trustProxy: Boolean(values['trust-proxy']),
    // An erasure from the console reaches the automatic backups too, as `fairdraw erase` does.
    afterErase: (eventId, at) => purgeBackups(office, office.dataDir, eventId, at),
  });
  await app.listen({ port, host });
  const scheme = tls ? 'https' : 'http';
  io.out(
    `FairDraw is running at ${scheme}://${host === '0.0.0.0' ? 'localhost' : host}:${port}/ (data: ${office.dataDir}) / 阳光摇号已启动`,
  );
  if (plainOnNetwork) {
    io.out("WARNING: plain HTTP on a network address. Other machines get only the public pages, the witnesses' links and the live view;");
    io.out('  the console and the staff API answer on this machine only. Use --tls-cert/--tls-key to run the console over the network.');
    io.out('警告：在网络地址上使用明文 HTTP。其他设备只能访问公开页面、见证人链接和直播；工作台和工作人员接口仅限本机使用。');
  }
  const stop = async (): Promise<void> => {
    await app.close(); // finishes requests in flight
    backups.stop();
    retention.stop();
    await backups.idle(); // a backup under way is finished
    await office.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise(() => {});
  return 0;
}

/** Whether `host` (a --host value) is this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function tlsFiles(cert: string | undefined, key: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    throw new FairDrawError('cli.tls', 'HTTPS 需要同时给出 --tls-cert 和 --tls-key', 'HTTPS needs both --tls-cert and --tls-key', {
      field: cert ? '--tls-key' : '--tls-cert',
    });
  }
  const read = (file: string, flag: string): Buffer => {
    try {
      return readFileSync(file);
    } catch {
      throw new FairDrawError('cli.tls', `无法读取 ${flag} 文件 ${file}`, `cannot read the ${flag} file ${file}`, { file, field: flag });
    }
  };
  return { cert: read(cert, '--tls-cert'), key: read(key, '--tls-key') };
}

export async function admin(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create')
    throw new FairDrawError('cli.command', `未知子命令 admin ${sub ?? ''}`, `unknown command: admin ${sub ?? ''} (create)`, {});
  const { values } = parseFlags(rest, {
    ...officeFlags,
    username: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    district: { type: 'string' },
  });
  const username = required(values, 'username');
  const password = (values.password as string | undefined) ?? process.env.FAIRDRAW_PASSWORD;
  if (!password)
    throw new FairDrawError(
      'cli.password',
      '请用 --password 或环境变量 FAIRDRAW_PASSWORD 给出密码',
      'give the password with --password or FAIRDRAW_PASSWORD',
      { field: '--password' },
    );
  const role = ((values.role as string | undefined) ?? 'admin') as Role;
  return withOffice(values, async (office) => {
    const district = values.district as string | undefined;
    const a = await createAccount(
      office,
      { username, role, password, displayName: values.name as string | undefined, district },
      { actor: actorOf(values) },
    );
    io.out(`account ${a.username} (${a.role}${a.district ? `, district ${a.district}` : ''}) created / 已创建账户`);
    return 0;
  });
}
