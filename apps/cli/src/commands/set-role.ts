import { sql } from '@digitallz/db';
import { CliError, type Env, print } from '../env';
import { openDatabase } from '../open-database';

/** Makes an account an administrator (or a user again): how the first admin is made. */
export async function setRoleCommand(env: Env, options: { email: string; role: 'user' | 'admin' }) {
  const database = await openDatabase(env);
  try {
    await database.migrate();
    const result = (await database.db.execute(sql`
      update users set role = ${options.role}, updated_at = now()
      where lower(email) = lower(${options.email}) returning id`)) as unknown as {
      rows: unknown[];
    };
    if (result.rows.length === 0) throw new CliError(`no account with the email ${options.email}`);
    await database.db.execute(sql`insert into audit_log (user_id, action, target_type, target_id, metadata)
      select id, 'admin.user_updated', 'user', id::text, ${JSON.stringify({ role: options.role, by: 'cli' })}::jsonb
      from users where lower(email) = lower(${options.email})`);
    print(`${options.email} is now ${options.role === 'admin' ? 'an administrator' : 'a user'}`);
  } finally {
    await database.close();
  }
}
