// The answer path under load at foundation scale, against a bare SvelteKit endpoint that does
// only "JSON (or a form) + one insert" with the same SQLite pragmas, built in a temp folder from
// the same node_modules. Both run interleaved at 30 and 100 connections for 3 rounds, driven by
// a closed-loop client (every latency is one request's own, send to last byte), for
// /leerling/sync and the form action ?/answer. Then pupils' answer latency while a teacher's
// dashboard page loads over and over. Goals: app/bare ≥ 0.5 in every round, app p99 at 30
// connections ≤ 100 ms.
//
// BENCH_APP_BUILD=dir runs another build of the app (e.g. an older commit's) against the same
// database; BENCH_SYNCHRONOUS sets the bare endpoint's synchronous pragma (default: the app's);
// BENCH_BASELINE_BUILD=dir also runs that build (e.g. the commit before a change) on its own
// copy of the database, interleaved in every round: a before/after on the same machine load;
// BENCH_PROFILE=dir writes a `node --cpu-prof` profile of the app and prints its shares;
// BENCH_PROBE=1 loads bench/lib/server-probe.mjs into both servers and prints, per run, where
// the latency goes: the servers' event-loop delay, their own request time (arrival to last
// byte), COMMIT (fsync) time, GC pauses, and the CPU the servers and this load generator used.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SQLITE_PRAGMAS } from '../src/lib/server/db/index.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/auth/session.ts';
import type { ScoredStep } from '../src/lib/lessons/schema.ts';
import { choiceToForm, rightChoice, wrongChoices } from '../src/lib/activities/index.ts';
import { hasFoundation, seedFoundation } from '../scripts/lib/scale.ts';
import { ensureBuild } from '../scripts/lib/server.ts';
import { profileShares } from './lib/profile.ts';
import { reachedSteps, type ProgressRow } from './lib/targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const MAX_REQUESTS = 200_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = [30, 100];
const PUPILS = 2000;

const library = loadLessonLibrary(path.resolve('lessons'));
const foundation = process.env.BENCH_DATABASE_PATH || './data/bench-foundation.db';
if (!(await hasFoundation(foundation))) {
	console.log(`Stichting op schaal aanmaken in ${foundation} (eenmalig)...`);
	await seedFoundation(foundation, library, { log: (l) => console.log(`  ${l}`) });
}
const appBuild = path.resolve(process.env.BENCH_APP_BUILD || 'build');
if (!process.env.BENCH_APP_BUILD) ensureBuild();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-bench-answers-'));
const children: ChildProcess[] = [];
const cleanup = () => {
	for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', cleanup);

// The app writes answers: it gets a copy, so every run starts from the same data.
const appDb = path.join(dir, 'app.db');
const source = new SQLite(foundation);
await source.backup(appDb);
source.close();

const appSynchronous = SQLITE_PRAGMAS.find((p) => p.startsWith('synchronous'))!
	.split('=')[1]!
	.trim();
const bareSynchronous = (process.env.BENCH_SYNCHRONOUS || appSynchronous).trim();

// Sessions and targets: 2,000 distinct pupils, each on a step they have reached.
interface Target {
	token: string;
	lessonId: string;
	step: ScoredStep;
}
const sqlite = new SQLite(appDb);
const now = Date.now();
const rows = sqlite
	.prepare(
		`select p.id as pupilId, c.band, lp.lesson_id as lessonId, lp.step_index as stepIndex
		 from lesson_progress lp join pupil p on p.id = lp.pupil_id join class c on c.id = p.class_id
		 where c.archived_at is null order by p.id`
	)
	.all() as ProgressRow[];
const addSession = sqlite.prepare(
	'insert into session (id, user_id, pupil_id, expires_at, created_at) values (?, ?, ?, ?, ?)'
);
const targets: Target[] = reachedSteps(rows, library, PUPILS).map((r) => {
	const token = generateSessionToken();
	addSession.run(sessionIdFromToken(token), null, r.pupilId, now + 8 * 3600_000, now);
	return { token, lessonId: r.lessonId, step: r.step };
});
const teacher = sqlite
	.prepare(
		`select ct.user_id as userId, ct.class_id as classId from class_teacher ct
		 join class c on c.id = ct.class_id where c.archived_at is null order by ct.class_id limit 1`
	)
	.get() as { userId: number; classId: number };
const teacherToken = generateSessionToken();
addSession.run(sessionIdFromToken(teacherToken), teacher.userId, null, now + 8 * 3600_000, now);
sqlite.close();
const baselineBuild = process.env.BENCH_BASELINE_BUILD
	? path.resolve(process.env.BENCH_BASELINE_BUILD)
	: null;
const baselineDb = path.join(dir, 'baseline.db');
if (baselineBuild) fs.copyFileSync(appDb, baselineDb);
console.log(
	`Database: kopie van ${foundation}; ${targets.length} leerlingen; app synchronous=${appSynchronous}, kaal synchronous=${bareSynchronous}`
);

// The bare endpoint: a SvelteKit app of two routes, built from the same node_modules.
const bare = path.join(dir, 'bare');
const files: Record<string, string> = {
	// better-sqlite3 as a dependency, as in the app: adapter-node then leaves it unbundled.
	'package.json':
		'{ "type": "module", "private": true, "dependencies": { "better-sqlite3": "*" } }',
	'svelte.config.js':
		"import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter() } };\n",
	'vite.config.js':
		"import { sveltekit } from '@sveltejs/kit/vite';\nimport { defineConfig } from 'vite';\nexport default defineConfig({ plugins: [sveltekit()] });\n",
	'src/app.html':
		'<!doctype html><html><head>%sveltekit.head%</head><body>%sveltekit.body%</body></html>\n',
	'src/lib/server/db.js': `import SQLite from 'better-sqlite3';
const db = new SQLite(process.env.DATABASE_PATH);
for (const p of ${JSON.stringify(SQLITE_PRAGMAS.filter((p) => !p.startsWith('synchronous')))}) db.pragma(p);
db.pragma('synchronous = ${bareSynchronous}');
db.exec(\`create table if not exists answer (id integer primary key autoincrement,
  client_id text not null unique, pupil_id integer not null, lesson_id text not null,
  step_id text not null, choice text not null, created_at integer not null)\`);
const insert = db.prepare('insert into answer (client_id, pupil_id, lesson_id, step_id, choice, created_at) values (?, ?, ?, ?, ?, ?)');
export function store(clientId, lessonId, stepId, choice) {
  insert.run(clientId, 1, lessonId, stepId, choice, Date.now());
}
`,
	'src/routes/sync/+server.js': `import { json } from '@sveltejs/kit';
import { store } from '$lib/server/db.js';
export async function POST({ request }) {
  const { items } = await request.json();
  const done = [];
  for (const i of items) { store(i.clientId, i.lessonId, i.stepId, JSON.stringify(i.choice)); done.push(i.clientId); }
  return json({ done, refused: [] });
}
`,
	'src/routes/form/+server.js': `import { store } from '$lib/server/db.js';
export async function POST({ request }) {
  const form = await request.formData();
  store(String(form.get('clientId')), 'les', String(form.get('step')), JSON.stringify([...form]));
  return new Response(null, { status: 303, headers: { location: '/form#feedback' } });
}
`
};
for (const [name, text] of Object.entries(files)) {
	fs.mkdirSync(path.dirname(path.join(bare, name)), { recursive: true });
	fs.writeFileSync(path.join(bare, name), text);
}
fs.symlinkSync(fs.realpathSync('node_modules'), path.join(bare, 'node_modules'));
const built = spawnSync(
	process.execPath,
	[path.resolve('node_modules/vite/bin/vite.js'), 'build'],
	{
		cwd: bare,
		stdio: 'pipe'
	}
);
if (built.status !== 0) {
	console.error(String(built.stderr));
	throw new Error('Het kale eindpunt kon niet worden gebouwd.');
}

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

const probe = process.env.BENCH_PROBE === '1';
const probeArgs = probe ? ['--import', path.resolve('bench/lib/server-probe.mjs')] : [];

async function start(entry: string, database: string, nodeArgs: string[] = []) {
	const port = await freePort();
	const probeFile = path.join(dir, `probe-${port}.json`);
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...probeArgs, ...nodeArgs, entry], {
		env: {
			...process.env,
			BENCH_PROBE_FILE: probeFile,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: database,
			ORIGIN: base
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const deadline = Date.now() + 120_000;
	while (!log.includes('Listening on')) {
		if (child.exitCode !== null) throw new Error(`Server stopte:\n${log}`);
		if (Date.now() > deadline) throw new Error(`Server start niet:\n${log}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return { child, port, base, probeFile, log: () => log };
}
type Server = Awaited<ReturnType<typeof start>>;

/** CPU time (user + system, ms) a process has used so far, from /proc. */
function cpuMs(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Probe {
	wallMs: number;
	loop: { p50: number; p99: number; max: number };
	request: { count: number; p50: number; p99: number; max: number };
	commit: { count: number; p50: number; p99: number; max: number; totalMs: number };
	fileSync: { count: number; p50: number; p99: number; max: number };
	statement: { count: number; totalMs: number };
	gc: { count: number; p99: number; max: number; totalMs: number };
}

/** The probe's figures since the last call (and a fresh start for the next). */
async function readProbe(server: Server): Promise<Probe | null> {
	if (!probe) return null;
	fs.rmSync(server.probeFile, { force: true });
	server.child.kill('SIGUSR2');
	for (let i = 0; i < 200 && !fs.existsSync(server.probeFile); i++)
		await new Promise((r) => setTimeout(r, 10));
	await new Promise((r) => setTimeout(r, 10));
	return JSON.parse(fs.readFileSync(server.probeFile, 'utf8')) as Probe;
}

const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
const app = await start(
	path.join(appBuild, 'index.js'),
	appDb,
	profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
);
const bareServer = await start(path.join(bare, 'build/index.js'), path.join(dir, 'bare.db'));
const baseline = baselineBuild
	? await start(path.join(baselineBuild, 'index.js'), baselineDb)
	: null;
type ServerName = 'app' | 'bare' | 'baseline';

interface Shot {
	path: string;
	headers: Record<string, string>;
	body: string;
}
type Kind = 'sync' | 'form';
let counter = 0;
const clientId = () => `b${process.pid}x${(counter++).toString(36).padStart(8, '0')}`;

function pick(step: ScoredStep) {
	const wrong = wrongChoices(step);
	return counter % 3 === 0 || wrong.length === 0 ? rightChoice(step) : wrong[0]!;
}

function shot(server: ServerName, kind: Kind, i: number, base: string): Shot {
	const t = targets[i % targets.length]!;
	const cookie = `denkna_session=${t.token}`;
	const id = clientId();
	if (kind === 'sync') {
		const item = { kind: 'answer', clientId: id, lessonId: t.lessonId, stepId: t.step.id };
		return {
			path: server === 'bare' ? '/sync' : '/leerling/sync',
			headers: { cookie, 'content-type': 'application/json', origin: base },
			body: JSON.stringify({ items: [{ ...item, choice: pick(t.step) }] })
		};
	}
	const form = new URLSearchParams([
		['step', t.step.id],
		['clientId', id],
		...choiceToForm(t.step, pick(t.step))
	]);
	return {
		path: server === 'bare' ? '/form' : `/leerling/les/${t.lessonId}?/answer`,
		headers: {
			cookie,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: base
		},
		body: form.toString()
	};
}

interface Run {
	requests: number;
	errors: number;
	seconds: number;
	latencies: number[];
	firstError?: string;
	diagnosis: {
		server: Probe | null;
		serverCpuShare: number;
		clientCpuShare: number;
		clientLoopP99: number;
		load: string;
	};
}

function send(agent: http.Agent, port: number, s: Shot, method = 'POST') {
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, path: s.path, method, agent, headers: s.headers },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		req.end(s.body);
	});
}

const okFor = (kind: Kind, status: number, body: string) =>
	kind === 'sync' ? status === 200 && body.includes('"refused":[]') : status === 303;

/** A closed loop: `connections` clients, each sending its next request when its last is done. */
async function load(
	server: ServerName,
	kind: Kind,
	connections: number,
	seconds = SECONDS
): Promise<Run> {
	const target = server === 'app' ? app : server === 'bare' ? bareServer : baseline!;
	await readProbe(target);
	const clientLoop = monitorEventLoopDelay({ resolution: 5 });
	clientLoop.enable();
	const clientCpu = process.cpuUsage();
	const serverCpu = cpuMs(target.child.pid!);
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const latencies: number[] = [];
	let errors = 0;
	let firstError: string | undefined;
	const started = performance.now();
	const end = started + seconds * 1000;
	let next = 0;
	const client = async () => {
		while (performance.now() < end && next < MAX_REQUESTS) {
			const s = shot(server, kind, next++, target.base);
			const t = performance.now();
			try {
				const res = await send(agent, target.port, s);
				latencies.push(performance.now() - t);
				if (!okFor(kind, res.status, res.body)) {
					errors++;
					firstError ??= `${res.status} ${res.body.slice(0, 200)}`;
				}
			} catch (e) {
				errors++;
				firstError ??= String(e);
			}
		}
	};
	await Promise.all(Array.from({ length: connections }, client));
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	clientLoop.disable();
	const used = process.cpuUsage(clientCpu);
	const diagnosis = {
		server: await readProbe(target),
		serverCpuShare: (cpuMs(target.child.pid!) - serverCpu) / (elapsed * 1000),
		clientCpuShare: (used.user + used.system) / 1000 / (elapsed * 1000),
		clientLoopP99: clientLoop.percentile(99) / 1e6,
		load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!
	};
	return { requests: latencies.length, errors, seconds: elapsed, latencies, firstError, diagnosis };
}

/** One line of where a run's latency went (BENCH_PROBE=1). */
function diagnose(name: string, run: Run): string {
	const d = run.diagnosis;
	const p = d.server;
	const f = (n: number) => n.toFixed(1);
	const server = p
		? `server: verzoek p50 ${f(p.request.p50)} p99 ${f(p.request.p99)}; event-loop-vertraging p99 ${f(p.loop.p99)} max ${f(p.loop.max)}; ` +
			`${p.commit.count} commits (p50 ${f(p.commit.p50)} p99 ${f(p.commit.p99)} max ${f(p.commit.max)} ms, ${f((100 * p.commit.totalMs) / p.wallMs)}% van de tijd, ${f(p.commit.count ? run.requests / p.commit.count : 0)} verz./commit); ` +
			(p.fileSync.count
				? `${p.fileSync.count} WAL-fsyncs buiten de event-loop (p50 ${f(p.fileSync.p50)} p99 ${f(p.fileSync.p99)} ms); `
				: '') +
			`overige statements ${f((100 * p.statement.totalMs) / p.wallMs)}%; GC ${f((100 * p.gc.totalMs) / p.wallMs)}% (max ${f(p.gc.max)} ms); `
		: '';
	return `      ${name.padEnd(5)}${server}CPU server ${(d.serverCpuShare * 100).toFixed(0)}%, belastingmeter ${(d.clientCpuShare * 100).toFixed(0)}% (event-loop p99 ${f(d.clientLoopP99)} ms); loadavg ${d.load}`;
}

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
function stats(run: Run) {
	const sorted = [...run.latencies].sort((a, b) => a - b);
	return {
		rps: run.requests / run.seconds,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99)
	};
}
const fmt = (run: Run) => {
	const s = stats(run);
	return `${s.rps.toFixed(0).padStart(5)}/s p50 ${s.p50.toFixed(1).padStart(5)} p99 ${s.p99.toFixed(1).padStart(6)} ms`;
};

// Warm up both (JIT, SQLite page cache), and check that the requests are accepted.
for (const kind of ['sync', 'form'] as const)
	for (const server of ['app', 'bare', ...(baseline ? ['baseline'] : [])] as ServerName[]) {
		const run = await load(server, kind, 10, 2);
		if (run.errors) throw new Error(`${server} ${kind}: ${run.errors} fouten, ${run.firstError}`);
	}

console.log(
	`\n${'ronde'.padEnd(6)}${'pad'.padEnd(16)}${'verb.'.padStart(5)}  ${'app'.padEnd(34)}  ${'kaal'.padEnd(34)}  app/kaal  fouten`
);
let appRequests = 0;
const summary: { kind: Kind; connections: number; ratio: number; p99: number }[] = [];
for (let round = 1; round <= ROUNDS; round++)
	for (const connections of CONNECTIONS)
		for (const kind of ['sync', 'form'] as const) {
			// Interleaved, and the order swapped each round so neither always runs second.
			const order: ServerName[] = round % 2 ? ['app', 'bare'] : ['bare', 'app'];
			if (baseline) order.splice(1, 0, 'baseline');
			const runs = {} as Record<ServerName, Run>;
			for (const server of order) runs[server] = await load(server, kind, connections);
			appRequests += runs.app.requests;
			const ratio = stats(runs.app).rps / stats(runs.bare).rps;
			summary.push({ kind, connections, ratio, p99: stats(runs.app).p99 });
			console.log(
				`${String(round).padEnd(6)}${(kind === 'sync' ? '/leerling/sync' : '?/answer').padEnd(16)}${String(connections).padStart(5)}  ${fmt(runs.app)}  ${fmt(runs.bare)}  ${ratio.toFixed(2).padStart(8)}  ${runs.app.errors + runs.bare.errors}${runs.app.firstError ? ` (${runs.app.firstError})` : ''}`
			);
			if (baseline)
				console.log(
					`${''.padEnd(27)}basis ${fmt(runs.baseline)}  basis/kaal ${(stats(runs.baseline).rps / stats(runs.bare).rps).toFixed(2)}  ${runs.baseline.errors}`
				);
			if (probe) console.log(`${diagnose('app', runs.app)}\n${diagnose('kaal', runs.bare)}`);
			if (probe && baseline) console.log(diagnose('basis', runs.baseline));
		}
const ratiosMet = summary.every((s) => s.ratio >= 0.5);
const p99Met = summary.filter((s) => s.connections === 30).every((s) => s.p99 <= 100);
console.log(
	`\nDoel app/kaal ≥ 0,5 in elke ronde: ${ratiosMet ? 'gehaald' : 'NIET gehaald'}; doel app-p99 bij 30 verbindingen ≤ 100 ms: ${p99Met ? 'gehaald' : 'NIET gehaald'}`
);

// Pupils answering while the teacher's dashboard page (compressed HTML) loads again and again.
const dashboard: Shot = {
	path: `/docent/klas/${teacher.classId}/dashboard`,
	headers: {
		cookie: `denkna_session=${teacherToken}`,
		accept: 'text/html',
		'accept-encoding': 'br, gzip'
	},
	body: ''
};
const page = await send(new http.Agent(), app.port, dashboard, 'GET');
if (page.status !== 200) throw new Error(`Dashboard: ${page.status}`);
let teacherLoads = 0;
const teacherLatencies: number[] = [];
const alone = await load('app', 'sync', 30);
appRequests += alone.requests;
let busy = true;
const teacherLoop = (async () => {
	const agent = new http.Agent({ keepAlive: true });
	while (busy) {
		const t = performance.now();
		await send(agent, app.port, dashboard, 'GET');
		teacherLatencies.push(performance.now() - t);
		teacherLoads++;
	}
	agent.destroy();
})();
const withDashboard = await load('app', 'sync', 30);
appRequests += withDashboard.requests + teacherLoads;
busy = false;
await teacherLoop;
const dash = [...teacherLatencies].sort((a, b) => a - b);
console.log(
	`\nLeerlingen (30 verb., /leerling/sync) zonder dashboard: ${fmt(alone)}\n` +
		`                        terwijl het dashboard laadt: ${fmt(withDashboard)}  (${teacherLoads}× dashboard, p50 ${percentile(dash, 50).toFixed(0)} ms, ${(Buffer.byteLength(page.body) / 1024).toFixed(0)} KB ongecomprimeerd)`
);
if (probe) console.log(`${diagnose('app', alone)}\n${diagnose('app', withDashboard)}`);

for (const c of children) {
	const exited = new Promise((r) => c.once('exit', r));
	c.kill('SIGTERM');
	await exited;
}
if (profileDir) {
	const file = fs
		.readdirSync(profileDir)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => path.join(profileDir, f))
		.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
	if (file) {
		const { shares, busyMs } = profileShares(JSON.parse(fs.readFileSync(file, 'utf8')));
		console.log(
			`\nProfiel van de app (${file}): ${(busyMs / appRequests).toFixed(2)} ms bezette event-loop-tijd per verzoek (fsync inbegrepen, dashboard-fase ook), aandeel:`
		);
		for (const [name, share] of shares)
			console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
	}
}
fs.rmSync(dir, { recursive: true, force: true });
