// Starts and stops the release desk for the benchmarks: a free port, a throw-away SQLite database, the widget
// from dist/, the demo pages, and the given content folder. Readiness is GET /healthz answering 200.
//
// As a command, runs another command with the desk up and DESK=<its URL> in its environment, then stops the desk
// (also when the command fails or this process is interrupted):
//
//   node scripts/bench/desk.mjs --content DIR [--timeout SECONDS] -- node scripts/bench/search-quality.mjs ...
//
// The binary is env BENCH_DESK_BIN, else $CARGO_TARGET_DIR/release/signpost-desk (default target dir
// ~/.cache/signpost-target, as scripts/lib/env.sh sets it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export function deskBinary() {
  if (process.env.BENCH_DESK_BIN) return process.env.BENCH_DESK_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'signpost-target');
  return join(target, 'release', 'signpost-desk');
}

/** A port nobody listens on right now (the OS picks it; the desk binds it a moment later). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** GET url; resolves { status, body } or rejects on a network error or after timeoutMs. */
export function get(url, { agent, timeoutMs = 10_000 } = {}) {
  return new Promise((resolveGet, reject) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolveGet({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
  });
}

const running = new Set();
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  // Never leave a desk behind: on exit, kill whatever is still running (synchronously, as 'exit' requires).
  process.on('exit', () => {
    for (const desk of running) desk.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      for (const desk of running) desk.killNow();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]));
    });
  }
}

/**
 * Starts the desk with `content` (on `database`, default a fresh SQLite file in its folder, with `args` added to
 * `serve`); resolves { url, dir, pid, startupMs, log(), crash(), stop() } once /healthz answers 200. startupMs is
 * from spawning the process to the first 200.
 */
export async function startDesk({
  content, bin = deskBinary(), readyTimeoutMs = 180_000, database = null, args: extraArgs = [],
} = {}) {
  if (!content) throw new Error('startDesk: content folder required');
  if (!existsSync(bin)) throw new Error(`no desk binary at ${bin} (build it with cargo build --release -p signpost-desk, or set BENCH_DESK_BIN)`);
  if (!existsSync(content)) throw new Error(`no content folder at ${content}`);
  hookExit();
  const dir = mkdtempSync(join(tmpdir(), 'signpost-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    'serve',
    '--listen', `127.0.0.1:${port}`,
    '--database', database ?? `sqlite://${dir}/x.db`,
    '--widget-dir', join(ROOT, 'dist'),
    '--demo-dir', join(ROOT, 'demo'),
    '--content', resolve(content),
    // Benches search far faster than anyone types.
    '--searches-per-address-per-minute', '1000000000',
    ...extraArgs,
  ];
  const started = performance.now();
  const child = spawn(bin, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000); // the tail is enough to explain a failure
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolveExit) => child.once('exit', (code, signal) => {
    exited = { code, signal };
    resolveExit();
  }));
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    running.delete(desk);
    rmSync(dir, { recursive: true, force: true });
  };
  const desk = {
    url,
    dir,
    pid: child.pid,
    startupMs: null,
    log: () => log.replace(/\x1b\[[0-9;]*m/g, ''),
    killNow() {
      if (!exited) child.kill('SIGKILL');
      cleanup();
    },
    /** Kills the desk with SIGKILL, as a crash would, and waits until it is gone; its folder stays until stop(). */
    async crash() {
      if (!exited) {
        child.kill('SIGKILL');
        await exit;
      }
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
  running.add(desk);

  const deadline = started + readyTimeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`the desk exited (${exited.signal ?? `code ${exited.code}`}) before it was healthy:\n${desk.log()}`);
      if (performance.now() > deadline) throw new Error(`the desk was not healthy within ${readyTimeoutMs / 1000} s:\n${desk.log()}`);
      const ok = await get(`${url}/healthz`, { timeoutMs: 2_000 }).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (err) {
    await desk.stop();
    throw err;
  }
  desk.startupMs = performance.now() - started;
  return desk;
}

// ---------------------------------------------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const split = args.indexOf('--');
  const own = split < 0 ? args : args.slice(0, split);
  const command = split < 0 ? [] : args.slice(split + 1);
  let content = null;
  let timeout = 900;
  let bad = false;
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--content') content = own[++i];
    else if (own[i] === '--timeout') timeout = Number(own[++i]);
    else bad = true;
  }
  if (bad || !content || command.length === 0 || !(timeout > 0)) {
    console.error('usage: node scripts/bench/desk.mjs --content DIR [--timeout SECONDS] -- COMMAND [ARGS...]');
    process.exit(2);
  }
  let desk;
  try {
    desk = await startDesk({ content });
  } catch (err) {
    console.error(`desk: ${err.message}`);
    process.exit(1);
  }
  console.error(`desk up at ${desk.url} with ${content} (healthy after ${Math.round(desk.startupMs)} ms)`);
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DESK: desk.url } });
  const timer = setTimeout(() => {
    console.error(`desk: ${command.join(' ')} still running after ${timeout} s, stopping it`);
    child.kill('SIGTERM');
  }, timeout * 1000);
  const code = await new Promise((resolveCode) => {
    child.once('error', (err) => {
      console.error(`desk: cannot run ${command[0]}: ${err.message}`);
      resolveCode(127);
    });
    child.once('exit', (c, signal) => resolveCode(c ?? (signal ? 1 : 0)));
  });
  clearTimeout(timer);
  await desk.stop();
  process.exit(code);
}
