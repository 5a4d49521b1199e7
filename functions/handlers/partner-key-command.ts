/**
 * `wirefeed partner-key create|rotate|revoke|list`: manages partner feed keys in the stack's
 * CloudFront KeyValueStore. A new key is printed once, to stdout only; the store, stderr and
 * logs only ever see its SHA-256 hash.
 */
import { parseArgs } from 'node:util';
import { openPartnerKeyStore } from '../adapters/partner-key-store.js';
import { PARTNER_NAME } from '../use-cases/partner-keys/partner-key-record.js';
import type { PartnerKeyStore } from '../core/ports/partner-key-store.js';
import { GRACE_HOURS, graceHoursOf, issueKey, listKeys, revokeKeys, type PartnerKeyIo } from '../use-cases/partner-keys/manage-partner-keys.js';

/** Help text of `wirefeed partner-key`. */
const PARTNER_KEY_USAGE = `Usage:
  wirefeed partner-key create --partner NAME --kvs-arn ARN
  wirefeed partner-key rotate --partner NAME --kvs-arn ARN [--grace-hours N]   (default 24)
  wirefeed partner-key revoke --partner NAME --kvs-arn ARN
  wirefeed partner-key list   --kvs-arn ARN

The ARN is the stack output PartnerKeyValueStoreArn. create and rotate print the new key once,
on stdout; it is not stored anywhere, only its SHA-256 hash is.`;

/** Seams for tests: the store (real SDK, local endpoint) and the clock. */
export interface PartnerKeyDeps {
  openStore?: (kvsArn: string) => PartnerKeyStore;
  now?: () => Date;
}

const ACTIONS = ['create', 'rotate', 'revoke', 'list'] as const;
type Action = (typeof ACTIONS)[number];

/** Runs `partner-key …`; resolves to the exit code (0 done, 1 refused or failed, 2 usage). */
export async function runPartnerKeyCommand(argv: string[], io: PartnerKeyIo, deps: PartnerKeyDeps = {}): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined) {
    io.reporter.info(PARTNER_KEY_USAGE);
    return 2;
  }
  // Help that was asked for is output (stdout), not a complaint.
  if (action === 'help' || action === '--help' || action === '-h') return io.stdout(`${PARTNER_KEY_USAGE}\n`), 0;
  let values: { partner?: string; 'kvs-arn'?: string; 'grace-hours'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        partner: { type: 'string' },
        'kvs-arn': { type: 'string' },
        'grace-hours': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.help) return io.stdout(`${PARTNER_KEY_USAGE}\n`), 0;
  if (!ACTIONS.includes(action as Action)) return usage(io, `unknown partner-key action: ${action}`);
  const kvsArn = values['kvs-arn'];
  if (!kvsArn) return usage(io, `partner-key ${action} needs --kvs-arn ARN`);
  const partner = values.partner;
  if (action !== 'list') {
    if (!partner) return usage(io, `partner-key ${action} needs --partner NAME`);
    if (!PARTNER_NAME.test(partner)) return usage(io, `--partner ${JSON.stringify(partner)}: use 1-63 lowercase letters, digits and hyphens, starting with a letter or digit`);
  }
  const graceHours = graceHoursOf(values['grace-hours']);
  if (graceHours === null) return usage(io, `--grace-hours must be a number from 0 to ${GRACE_HOURS.max}`);

  const store = (deps.openStore ?? ((arn: string) => openPartnerKeyStore(arn)))(kvsArn);
  const now = deps.now ?? (() => new Date());
  try {
    const done =
      action === 'list' ? await listKeys(store, io)
      : action === 'revoke' ? await revokeKeys(store, partner!, io)
      : await issueKey(store, action as 'create' | 'rotate', partner!, graceHours, now, io);
    return done ? 0 : 1;
  } catch (error) {
    // SDK errors name the operation and the ARN, never a key: keys are not in any request.
    io.reporter.error(`partner-key ${action}: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

function usage(io: PartnerKeyIo, message: string): number {
  io.reporter.error(message);
  io.reporter.info(PARTNER_KEY_USAGE);
  return 2;
}
