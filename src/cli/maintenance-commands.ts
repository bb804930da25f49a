import { sealAllPendingAudit, verifyAudit } from '../platform/audit/index.js';
import type { Config } from '../platform/config.js';
import { customerEncryptedColumns } from '../modules/customers/index.js';
import { openRuntime } from '../server/runtime.js';

export async function migrateCommand(config: Config): Promise<void> {
  const runtime = await openRuntime(config);
  await runtime.close();
  process.stdout.write('migrations applied\n');
}

/** `relata keys rotate`: a new active data key; every encrypted value re-sealed with it. */
export async function keysRotateCommand(config: Config): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    const moved = await runtime.keyring.rotate(runtime.db, runtime.masterKey, customerEncryptedColumns);
    process.stdout.write(`data key ${runtime.keyring.activeKeyId} active; ${moved} values re-encrypted\n`);
  } finally {
    await runtime.close();
  }
}

/** `relata audit verify`: exit 0 when the chain is intact, 1 with the first broken entry otherwise. */
export async function auditVerifyCommand(config: Config): Promise<boolean> {
  const runtime = await openRuntime(config);
  try {
    await sealAllPendingAudit(runtime.db);
    const result = await verifyAudit(runtime.db);
    process.stdout.write(result.ok ? `audit log intact: ${result.checked} entries verified\n` : `audit log BROKEN at entry ${result.brokenAt} (${result.checked} verified before it)\n`);
    return result.ok;
  } finally {
    await runtime.close();
  }
}
