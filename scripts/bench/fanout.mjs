// Event-stream clients for the fan-out bench, in a process of their own (each stream costs an open file here
// and one at the desk). Opens one stream per path, 250 connections at a time, each until its first event; prints
// READY with the count; then records when each stream first receives data containing MARKER, and prints
//   RESULT {"opened":N,"arrivals":[epoch ms or null, …]}
// once all have it or after TIMEOUT seconds. Exits by itself.
//
//   node scripts/bench/fanout.mjs DESK_URL PATHS_JSON_FILE MARKER [TIMEOUT_SECONDS]
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [url, pathsFile, marker, timeoutText = '120'] = process.argv.slice(2);
if (!url || !pathsFile || !marker) {
  console.error('usage: node scripts/bench/fanout.mjs DESK_URL PATHS_JSON_FILE MARKER [TIMEOUT_SECONDS]');
  process.exit(2);
}
const paths = JSON.parse(readFileSync(pathsFile, 'utf8'));
const now = () => performance.timeOrigin + performance.now();
const arrivals = new Array(paths.length).fill(null);
let arrived = 0;
const requests = [];

function open(index) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}${paths[index]}`, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream ${index} answered ${response.statusCode}`));
        response.resume();
        return;
      }
      let first = true;
      let tail = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        if (first) {
          first = false;
          resolve();
        }
        if (arrivals[index] !== null) return;
        // The marker may straddle two chunks: keep the end of the last one.
        const text = tail + chunk;
        if (text.includes(marker)) {
          arrivals[index] = now();
          arrived += 1;
          if (arrived === paths.length) finish();
        } else {
          tail = text.slice(-marker.length);
        }
      });
      response.on('error', () => {});
    });
    request.on('error', reject);
    request.setTimeout(0);
    requests.push(request);
  });
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  process.stdout.write(`RESULT ${JSON.stringify({ opened: paths.length, arrivals })}\n`);
  for (const request of requests) request.destroy();
  process.exit(0);
}

try {
  for (let start = 0; start < paths.length; start += 250) {
    const batch = [];
    for (let index = start; index < Math.min(start + 250, paths.length); index++) batch.push(open(index));
    await Promise.all(batch);
  }
} catch (err) {
  console.error(`fanout: ${err.message}`);
  process.exit(1);
}
process.stdout.write(`READY ${paths.length}\n`);
setTimeout(finish, Number(timeoutText) * 1000).unref();
// Keep running until finish(): the streams keep the event loop busy.
