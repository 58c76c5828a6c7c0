// bpmn-engine on the approval-bench flow: intake, five parallel approvals, delivery — seven user
// tasks signalled one by one, the engine's state written to the case's file after every step (the
// peer's equivalent of our durable commit). Prints one JSON object on stdout; the C# scenario reads it.
// Usage: node bench.js [--cases N] [--warmup N] [--state-dir DIR] [--fsync]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'bpmn-engine';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const cases = Number(option('--cases', '1000'));
const warmup = Number(option('--warmup', '50'));
const fsync = args.includes('--fsync');
const stateDir = option('--state-dir', null) ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'bpmn-bench-')));
await fs.mkdir(stateDir, { recursive: true });

const here = path.dirname(fileURLToPath(import.meta.url));
const source = await fs.readFile(path.join(here, 'approval-flow.bpmn'), 'utf8');
// Parse the XML once: each case then starts from the serialized context, so the figure is the
// engine's, not the XML parser's (the engine's own serializer, as `new Engine({ source })` uses).
const sourceContext = await new Engine()._serializeSource(source);
const silent = () => ({ debug() {}, error() {}, warn() {} });

const approvals = ['approve1', 'approve2', 'approve3', 'approve4', 'approve5'];
let stateBytes = 0;

async function persist(engine, file) {
  const json = JSON.stringify(await engine.getState());
  stateBytes += Buffer.byteLength(json);
  if (!fsync) {
    await fs.writeFile(file, json);
    return;
  }
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(json);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function waiting(execution) {
  return execution.getPostponed().map((api) => api.id);
}

async function runCase(i) {
  const file = path.join(stateDir, `case-${i}.json`);
  const engine = new Engine({ name: `case-${i}`, sourceContext, Logger: silent });
  let ended = false;
  engine.once('end', () => {
    ended = true;
  });
  const execution = await engine.execute();
  await persist(engine, file);
  for (const step of ['intake', ...approvals, 'deliver']) {
    if (!waiting(execution).includes(step)) {
      throw new Error(`case ${i}: ${step} is not waiting (waiting: ${waiting(execution).join(', ') || 'nothing'})`);
    }
    execution.signal({ id: step });
    await persist(engine, file);
  }
  if (!ended || execution.isRunning) {
    throw new Error(`case ${i}: the engine did not end after delivery (state ${execution.state})`);
  }
}

let errors = 0;
const samples = [];
for (let i = 0; i < warmup; i++) await runCase(`w${i}`);
stateBytes = 0;

const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
for (let i = 0; i < cases; i++) {
  try {
    await runCase(i);
  } catch (err) {
    errors++;
    if (samples.length < 5) samples.push(String(err?.message ?? err));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
await fs.rm(stateDir, { recursive: true, force: true });

process.stdout.write(
  JSON.stringify({
    engine: 'bpmn-engine',
    node: process.version,
    cases,
    seconds,
    casesPerSecond: cases / seconds,
    cpuMsPerCase: (cpu.user + cpu.system) / 1000 / cases,
    stateWritesPerCase: 8,
    stateBytesPerWrite: stateBytes / (cases * 8),
    fsync,
    errors,
    errorSamples: samples,
  }) + '\n'
);
