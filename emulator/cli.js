#!/usr/bin/env node
// @ts-check
/*
 * Runs the Keen emulator until SIGINT/SIGTERM.
 *   node emulator/cli.js [--port N]      (or KEEN_EMULATOR_PORT=N; 0 = any free port)
 *   npx keen-lead-form emulator [--port N]   (the package's bin calls runEmulatorCli)
 */
import { fileURLToPath } from 'node:url';
import { API_PATH } from './handler.js';
import { DEFAULT_PORT, startEmulator } from './server.js';

/** @param {string} command */
export const usage = (command) => `Usage: ${command} [--port N]   (env KEEN_EMULATOR_PORT; default 8787; 0 = a free port)`;

/**
 * @param {string[]} args
 * @param {string | undefined} envPort
 * @returns {{ port: number } | { help: true } | { error: string }}
 */
function parseArgs(args, envPort) {
  let rawPort = envPort === undefined || envPort === '' ? String(DEFAULT_PORT) : envPort;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--port') {
      const next = args[i + 1];
      if (next === undefined) return { error: '--port needs a value' };
      rawPort = next;
      i += 1;
    } else if (arg?.startsWith('--port=')) {
      rawPort = arg.slice('--port='.length);
    } else {
      return { error: `Unknown argument: ${arg}` };
    }
  }
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) return { error: `Invalid port: ${rawPort}` };
  return { port };
}

/**
 * Parses the arguments and starts the emulator; it then runs until SIGINT/SIGTERM.
 * @param {string[]} args
 * @param {{ command?: string, env?: NodeJS.ProcessEnv }} [context]  command: how the usage line names this program
 */
export async function runEmulatorCli(args, { command = 'node emulator/cli.js', env = process.env } = {}) {
  const options = parseArgs(args, env['KEEN_EMULATOR_PORT']);
  if ('help' in options) {
    console.log(usage(command));
  } else if ('error' in options) {
    console.error(`${options.error}\n${usage(command)}`);
    process.exitCode = 2;
  } else {
    await run(options.port);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runEmulatorCli(process.argv.slice(2));
}

/** @param {number} port */
async function run(port) {
  let emulator;
  try {
    emulator = await startEmulator({ port });
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use; try --port 0` : error);
    process.exitCode = 1;
    return;
  }
  console.log(`Keen emulator listening on ${emulator.url}`);
  console.log(`API endpoint: ${emulator.url}${API_PATH}`);
  console.log('Channels:');
  for (const channel of emulator.state.channels) {
    console.log(`  ${channel.title}`);
    console.log(`    id: ${channel.id}  uuid: ${channel.uuid}  no_auth_api: ${channel.no_auth_api}`);
  }
  console.log('API keys (X-Api-Key, for create_lead and get_channels; test values, not secrets):');
  for (const { key, company_id: companyId } of emulator.state.apiKeys) {
    const company = emulator.state.companies.find((candidate) => candidate.id === companyId);
    console.log(`  ${key}  ${company?.name ?? companyId}`);
  }
  console.log(`Control API: ${emulator.url}/__emulator/{leads,channels,webhooks,notifications,requests,faults,reset}`);

  const running = emulator;
  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // A second signal falls through to Node's default handler and kills at once.
    console.log(`${signal}: stopping the Keen emulator`);
    running.close().catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
