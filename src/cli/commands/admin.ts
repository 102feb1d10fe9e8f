import type { Command } from 'commander';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../../core/vocabulary.ts';
import type { Config } from '../../server/config.ts';
import { openRuntime, type Runtime } from '../../server/runtime.ts';
import { createOrganisation, createUser } from '../../services/accounts.service.ts';
import { issueAccountCode } from '../../services/auth.service.ts';
import { latestCheckpoint, sealAudit } from '../../services/audit.service.ts';
import { verifyAuditLog } from '../../services/audit-verification.service.ts';
import { parseCheckpoint } from '../../core/audit/checkpoint.ts';
import { verifyEvidenceProof, type EvidenceProof } from '../../core/audit/evidence-proof.ts';
import { readFileSync } from 'node:fs';
import { writeCheckpointFiles } from '../../db/audit-key.ts';
import { rotateEncryption } from '../../services/keys.service.ts';
import { generateKey, isFileKeyring, loadKeyring, writeKeyringFile } from '../../db/keyring.ts';
import { FieldCipher } from '../../db/encryption.ts';

export async function withRuntime<T>(config: Config, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A checkpoint file: latest.json, or the last line of checkpoints.ndjson. */
function readCheckpointFile(file: string) {
  const text = readFileSync(file, 'utf8').trim();
  let parsed: unknown = null;
  const attempts = [text, text.split('\n').pop() ?? '', text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)];
  for (const attempt of attempts) {
    try {
      parsed = JSON.parse(attempt);
      break;
    } catch {
      parsed = null;
    }
  }
  const checkpoint = parseCheckpoint(parsed);
  if (!checkpoint) throw new Error(`${file} is not a Refuge audit checkpoint`);
  return checkpoint;
}

export function registerAdminCommands(program: Command, config: () => Config): void {
  const org = program.command('org').description('organisations');
  org
    .command('create')
    .description('create an organisation')
    .requiredOption('--slug <slug>', 'short unique name, e.g. ngo-harbour')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(' | '))
    .option('--nationalities <codes>', 'for embassies: ISO country codes served, comma-separated', '')
    .option('--require-totp', 'members must use a second factor')
    .action(async (o: { slug: string; name: string; kind: string; nationalities: string; requireTotp?: boolean }) => {
      const created = await withRuntime(config(), (r) =>
        createOrganisation(r.app, {
          slug: o.slug,
          name: o.name,
          kind: oneOf<OrganisationKind>(o.kind, ORGANISATION_KINDS, 'kind'),
          nationalitiesServed: o.nationalities
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          requireTotp: !!o.requireTotp,
        }),
      );
      console.log(`created organisation ${created.slug} (${created.id})`);
    });

  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user, optionally a member of an organisation')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'display name')
    .option('--org <slug>', 'organisation to join')
    .option('--role <role>', ROLES.join(' | '), 'caseworker')
    .option('--locale <locale>', 'en | km | zh | id', 'en')
    .action(async (o: { email: string; name: string; org?: string; role: string; locale: string }) => {
      const password = process.env.REFUGE_NEW_PASSWORD;
      if (!password)
        throw new Error('set the password in REFUGE_NEW_PASSWORD (kept out of shell history and process lists)');
      const role = oneOf<Role>(o.role, ROLES, 'role');
      const created = await withRuntime(config(), (r) =>
        createUser(r.app, {
          email: o.email,
          displayName: o.name,
          password,
          locale: o.locale,
          memberships: o.org ? [{ organisation: o.org, role }] : [],
        }),
      );
      console.log(`created user ${o.email} (${created.id})`);
    });

  user
    .command('issue-code')
    .description(
      'issue a one-time code a user types in: a TOTP enrolment code (required to set up a second factor) ' +
        'or a password reset code',
    )
    .requiredOption('--email <email>')
    .requiredOption('--purpose <purpose>', 'enrolment | reset')
    .action(async (o: { email: string; purpose: string }) => {
      const purpose =
        oneOf(o.purpose, ['enrolment', 'reset'] as const, 'purpose') === 'enrolment'
          ? 'totp_enrolment'
          : 'password_reset';
      const issued = await withRuntime(config(), (r) => issueAccountCode(r.app, null, { email: o.email }, purpose));
      console.log(`${o.purpose} code for ${o.email} (one use, until ${issued.expiresAt}): ${issued.code}`);
    });

  const auditCmd = program.command('audit').description('the audit transparency log (Merkle tree, signed checkpoints)');
  auditCmd
    .command('verify')
    .description(
      'replay the log from its rows and check it against its signed tree heads, the custody log and, ' +
        'given one, a kept checkpoint; exits 2 at the first problem',
    )
    .option(
      '--checkpoint <file>',
      'a checkpoint kept apart from the database (e.g. <checkpoints>/latest.json from an earlier day)',
    )
    .action(async (o: { checkpoint?: string }) => {
      const checkpoint = o.checkpoint ? readCheckpointFile(o.checkpoint) : undefined;
      const result = await withRuntime(config(), async (r) => {
        await sealAudit(r.app);
        return verifyAuditLog(r.app, { checkpoint, onProgress: (n) => process.stderr.write(`\rchecked ${n} entries`) });
      });
      process.stderr.write('\n');
      if (result.ok)
        console.log(
          `audit log intact: ${result.checked} entries, tree size ${result.treeSize}` +
            (checkpoint ? `, extends the checkpoint of size ${checkpoint.treeSize}` : ''),
        );
      else {
        const p = result.firstProblem!;
        console.log(
          `audit log BROKEN${p.seq !== null ? ` at seq ${p.seq}` : ''}` +
            `${p.leafIndex !== null ? ` (leaf ${p.leafIndex})` : ''}: ${p.reason}`,
        );
        process.exitCode = 2;
      }
    });
  auditCmd
    .command('verify-proof')
    .description(
      'check an evidence proof (GET /api/monitoring/evidence/:id/proof) against a trusted public key, ' +
        'offline; exits 2 if it fails',
    )
    .requiredOption('--proof <file>', 'the exported proof (JSON)')
    .requiredOption('--public-key <file>', "the deployment's audit-public-key.pem, obtained out of band")
    .action((o: { proof: string; publicKey: string }) => {
      const result = verifyEvidenceProof(
        JSON.parse(readFileSync(o.proof, 'utf8')) as EvidenceProof,
        readFileSync(o.publicKey, 'utf8'),
      );
      if (result.ok)
        console.log(
          `evidence proof valid: ${result.entries} custody entries included in the signed tree of ${result.treeSize}`,
        );
      else {
        console.log(`evidence proof INVALID: ${result.reason}`);
        process.exitCode = 2;
      }
    });
  auditCmd
    .command('checkpoint')
    .description(
      'seal what is pending, then print (and write to the checkpoint directory) the latest signed checkpoint',
    )
    .action(async () => {
      const checkpoint = await withRuntime(config(), async (r) => {
        await sealAudit(r.app);
        const cp = await latestCheckpoint(r.app);
        if (cp && r.app.auditKeys) writeCheckpointFiles(r.app.auditKeys, cp);
        return cp;
      });
      if (!checkpoint) throw new Error('the audit log is empty');
      console.log(JSON.stringify(checkpoint, null, 2));
    });

  const keys = program.command('keys').description('encryption keys for sensitive fields');
  keys
    .command('rotate')
    .description('re-encrypt every sensitive field under the primary key (embedded: generates a new key first)')
    .action(async () => {
      const c = config();
      if (isFileKeyring(c)) {
        const ring = loadKeyring({ dataDir: c.dataDir });
        writeKeyringFile(c.dataDir, [generateKey(), ...ring.keys]);
      }
      await withRuntime(c, async (r) => {
        const reports = await rotateEncryption(r.app, (p) => process.stderr.write(`\r${p.column}: ${p.rewritten}`));
        process.stderr.write('\n');
        for (const rep of reports) console.log(`${rep.column}: ${rep.rewritten} re-encrypted`);
        if (isFileKeyring(c)) {
          // Every envelope is now under the primary key: drop the old keys.
          writeKeyringFile(c.dataDir, [loadKeyring({ dataDir: c.dataDir }).primary]);
          console.log(
            `old keys removed; primary key is ${new FieldCipher(loadKeyring({ dataDir: c.dataDir })).primaryKeyId}`,
          );
        } else {
          console.log('done: you can now remove REFUGE_PREVIOUS_KEYS');
        }
      });
    });
}
