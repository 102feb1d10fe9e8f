#!/usr/bin/env node
import { Command } from 'commander';
import { readConfig } from '../server/config.ts';
import { VERSION } from '../server/version.ts';
import { registerAdminCommands } from './commands/admin.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerMatchCommands } from './commands/match.ts';
import { registerIngestCommands } from './commands/ingest.ts';
import { registerNetworksCommands } from './commands/networks.ts';

/** The `refuge` command: thin wrappers over services, one file per group of commands. */
export function buildCli(): Command {
  const program = new Command('refuge')
    .description('Refuge: the shared operations room for responders to scam-compound exits')
    .version(VERSION)
    .showHelpAfterError();
  const config = () => readConfig();
  registerServeCommands(program, config);
  registerAdminCommands(program, config);
  registerDataCommands(program, config);
  registerMatchCommands(program);
  registerIngestCommands(program, config);
  registerNetworksCommands(program, config);
  return program;
}

// One-shot commands end the process when done: the embedded database's WebAssembly runtime can
// keep the event loop alive after it is closed. `serve` runs until it is signalled.
const longRunning = process.argv[2] === 'serve';
buildCli()
  .parseAsync(process.argv)
  .then(
    () => {
      if (!longRunning) process.exit(process.exitCode ?? 0);
    },
    (error: Error) => {
      console.error(`refuge: ${error.message}`);
      process.exit(1);
    },
  );
