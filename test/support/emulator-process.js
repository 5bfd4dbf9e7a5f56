// @ts-check
/*
 * Starts the emulator as a separate process (the package's bin, from the
 * repository or an installed package) and waits for its banner, as a site's
 * own test setup would.
 */
import { spawn } from 'node:child_process';

export const PUBLIC_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';

/**
 * @param {string} command  an executable (the installed bin) or process.execPath
 * @param {string[]} args  e.g. ['emulator', '--port', '0']
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<{ child: import('node:child_process').ChildProcessWithoutNullStreams, url: string, output: () => string }>}
 */
export async function startEmulatorProcess(command, args, { cwd } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, KEEN_EMULATOR_PORT: '' } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 15 s:\n${output}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before its banner:\n${output}`)));
    child.stdout.on('data', () => {
      const match = /^Keen emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match && output.includes('Control API')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { child, url, output: () => output };
}

/**
 * Posts a lead to the emulator's Keen API, then reads every stored lead's
 * email back through its control API.
 * @param {string} url  the emulator's base URL
 * @param {string} email
 * @returns {Promise<{ status: number, emails: string[] }>}
 */
export async function sendLeadAndReadBack(url, email) {
  const created = await fetch(`${url}/functions/v1/keen-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'lead_external', channel_id: PUBLIC_CHANNEL_ID, email }),
  });
  await created.body?.cancel();
  const { leads } = /** @type {{ leads: { lead: { email: string } }[] }} */ (await (await fetch(`${url}/__emulator/leads`)).json());
  return { status: created.status, emails: leads.map(({ lead }) => lead.email) };
}
