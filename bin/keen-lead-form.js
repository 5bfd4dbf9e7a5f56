#!/usr/bin/env node
// @ts-check
/*
 * The package's command line: `npx keen-lead-form <command> [options]`.
 * A command is one entry in COMMANDS: a module whose `run(args)` resolves
 * to the exit code, plus the line `--help` shows for it.
 * Exit codes: 0 done, 1 failed while running, 2 bad usage. Nothing here or
 * in a command's module loads dist/ before the arguments are good (see
 * command-line.js), so help works in a checkout that was never built.
 */
import { readFileSync } from 'node:fs';
import { BuildMissingError } from './command-line.js';

/** @typedef {{ run(args: string[]): Promise<number>, usage: string }} CommandModule */

/** @type {Record<string, { summary: string, load: () => Promise<CommandModule> }>} */
const COMMANDS = {
  relay: {
    summary: "run the relay: a small server that adds your channel id and forwards leads to Keen",
    load: () => import('./commands/relay.js'),
  },
  fields: {
    summary: "print a form configuration built from a channel's property definitions (needs KEEN_API_KEY)",
    load: () => import('./commands/fields.js'),
  },
  html: {
    summary: 'print <keen-lead-form> with its form written as HTML inside (usable before and without the script)',
    load: () => import('./commands/html.js'),
  },
  emulator: {
    summary: 'run a local Keen emulator to test a site against (prints its URL and control API)',
    load: () => import('./commands/emulator.js'),
  },
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Usage: keen-lead-form <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'keen-lead-form <command> --help shows the options of one command; --version prints the version.',
  ].join('\n');
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  if (name === undefined) {
    console.error(usage());
    process.exit(2);
  }
  console.log(usage());
  process.exit(0);
}
if (name === '--version' || name === '-v') {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  console.log(version);
  process.exit(0);
}
const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
if (command === undefined) {
  console.error(`keen-lead-form: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')} (--help for more)`);
  process.exit(2);
}
const module = await command.load();
if (args.includes('--help') || args.includes('-h')) {
  console.log(module.usage);
  process.exit(0);
}
try {
  process.exitCode = await module.run(args);
} catch (error) {
  if (!(error instanceof BuildMissingError)) throw error;
  console.error(`keen-lead-form ${name}: ${error.message}`);
  process.exitCode = 1;
}
