/** `fairdraw serve` (the web app) and `fairdraw admin create` (accounts from the command line). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FairDrawError } from '../../core/errors.js';
import { openOffice } from '../../app.js';
import { buildServer } from '../../server/app.js';
import { createAccount, ensureFirstAdmin } from '../../office/accounts/accounts.js';
import { loadDemo } from '../../office/demo.js';
import { parseFlags, required } from '../args.js';
import { officeFlags, withOffice } from '../office-context.js';
import { autoBackup } from '../auto-backup.js';
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
  });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new FairDrawError('cli.port', '--port 必须是 1–65535 的整数', '--port must be an integer 1–65535', { field: '--port' });
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const office = await openOffice({ dataDir: values.data as string | undefined });
  const password = await ensureFirstAdmin(office);
  if (password) {
    io.out('first start: an admin account was created / 首次启动，已创建管理员账户');
    io.out(`  username 用户名: admin`);
    io.out(`  one-time password 一次性密码: ${password}`);
    io.out('  (shown once; create named accounts and keep this one safe / 仅显示一次，请妥善保管并为工作人员建立个人账户)');
  }
  if (values.demo && (await loadDemo(office, join(root, 'demo')))) io.out('demo event loaded / 已载入演示批次: zlj-2020-demo');
  // After each milestone, a backup into DATA/backups/ (the newest ten are kept).
  const backups = autoBackup(office, office.dataDir, (line) => io.out(line));
  const app = await buildServer({
    office,
    webDist: join(root, 'web', 'dist'),
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    secureCookies: Boolean(values['secure-cookies']),
  });
  await app.listen({ port, host });
  io.out(`FairDraw is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/ (data: ${office.dataDir}) / 阳光摇号已启动`);
  const stop = async (): Promise<void> => {
    await app.close(); // finishes requests in flight
    backups.stop();
    await backups.idle(); // a backup under way is finished
    await office.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise(() => {});
  return 0;
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
    const a = await createAccount(office, { username, role, password, displayName: values.name as string | undefined });
    io.out(`account ${a.username} (${a.role}) created / 已创建账户`);
    return 0;
  });
}
