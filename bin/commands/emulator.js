// @ts-check
/*
 * `keen-lead-form emulator [--port N]`: the Keen emulator for a site's own
 * tests. The emulator's own CLI does the work; this adapts it to the table.
 */
import { runEmulatorCli, usage as emulatorUsage } from '../../emulator/cli.js';

const COMMAND = 'keen-lead-form emulator';

export const usage = emulatorUsage(COMMAND);

/** @param {string[]} args @returns {Promise<number>} */
export async function run(args) {
  await runEmulatorCli(args, { command: COMMAND });
  const code = process.exitCode;
  return typeof code === 'number' ? code : 0;
}
