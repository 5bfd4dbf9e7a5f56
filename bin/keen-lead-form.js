#!/usr/bin/env node
// @ts-check
/*
 * The package's one executable: `keen-lead-form <command> [options]`.
 * A table of subcommands; each loads its module only when chosen, so one
 * command's dependencies never slow down or break another. Adding a command
 * is adding an entry.
 */

/**
 * @typedef {object} Subcommand
 * @property {string} summary  one line for `--help`
 * @property {(args: string[], command: string) => Promise<void>} run  sets process.exitCode on failure
 */

/** @type {Record<string, Subcommand>} */
const COMMANDS = {
  emulator: {
    summary: 'run a local Keen emulator to test a site against (prints its URL and control API)',
    run: async (args, command) => (await import('../emulator/cli.js')).runEmulatorCli(args, { command }),
  },
};

const HELP = [
  'Usage: keen-lead-form <command> [options]',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`),
  '',
  'Run `keen-lead-form <command> --help` for a command\'s options.',
].join('\n');

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  console.log(HELP);
  if (name === undefined) process.exitCode = 2;
} else {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    console.error(`Unknown command: ${name}\n\n${HELP}`);
    process.exitCode = 2;
  } else {
    await command.run(args, `keen-lead-form ${name}`);
  }
}
