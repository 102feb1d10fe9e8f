/**
 * Stand-alone runner for the match commands until src/cli/main.ts wires them:
 * npx tsx bench/lib/match-cli.ts match eval …
 */
import { Command } from 'commander';
import { registerMatchCommands } from '../../src/cli/commands/match.ts';

const program = new Command('refuge');
registerMatchCommands(program);
await program.parseAsync(process.argv);
