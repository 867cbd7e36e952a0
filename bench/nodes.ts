// Answer submissions per second on PostgreSQL with one and with two app nodes (foundation
// scale, 2,000 distinct pupils, /leerling/sync with one answer per request), driven by a
// closed-loop client (every latency is one request's own, send to last byte). Rounds
// alternate one node / two nodes. Besides req/s and p50/p99 it prints the CPU each side used
// per 1,000 answers: the app nodes, the PostgreSQL server processes, this load generator, so
// one sees where the limit sits on this machine (os.cpus() cores in all).
// BENCH_POSTGRES (a URL) as for bench/dashboard.ts; BENCH_SECONDS (default 6), BENCH_ROUNDS (2).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openConfigured } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/auth/session.ts';
import type { ScoredStep } from '../src/lib/lessons/schema.ts';
import { rightChoice, wrongChoices } from '../src/lib/activities/index.ts';
import { fileMigrations } from '../scripts/lib/migrations.ts';
import { hasScale, seedScale } from '../scripts/lib/scale.ts';
import { ensureBuild } from '../scripts/lib/server.ts';
import { postgresTarget } from './lib/postgres.ts';
import { reachedSteps } from './lib/targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const CONNECTIONS = [30, 100];
const PUPILS = 2000;
const TICK = 100 / 1; // /proc times are in clock ticks of 1/100 s on Linux

const target = await postgresTarget('denkna_bench_foundation');
if (!target) process.exit(0);
const library = loadLessonLibrary(path.resolve('lessons'));
if (!(await hasScale(target, 'foundation'))) {
	console.log('Stichting op schaal aanmaken in PostgreSQL (eenmalig)...');
	await seedScale(target, library, { scale: 'foundation', log: (l) => console.log(`  ${l}`) });
}
ensureBuild();
const db = openConfigured({ DATABASE_URL: target.url });
await migrateToLatest(db, await fileMigrations());

interface Shot {
	token: string;
	lessonId: string;
	step: ScoredStep;
}
const now = Date.now();
const rows = await db
	.selectFrom('lesson_progress as lp')
	.innerJoin('pupil as p', 'p.id', 'lp.pupil_id')
	.innerJoin('class as c', 'c.id', 'p.class_id')
	.select(['p.id as pupilId', 'c.band', 'lp.lesson_id as lessonId', 'lp.step_index as stepIndex'])
	.where('c.archived_at', 'is', null)
	.orderBy('p.id')
	.limit(PUPILS * 40)
	.execute();
const shots: Shot[] = [];
for (const r of reachedSteps(rows, library, PUPILS)) {
	const token = generateSessionToken();
	await db
		.insertInto('session')
		.values({
			id: sessionIdFromToken(token),
			user_id: null,
			pupil_id: r.pupilId,
			expires_at: now + 8 * 3600_000,
			created_at: now
		})
		.execute();
	shots.push({ token, lessonId: r.lessonId, step: r.step });
}

const children: ChildProcess[] = [];
process.on('exit', () => {
	for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});
async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}
async function startNode() {
	const port = await freePort();
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: target!.url,
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	while (!log.includes('Listening on')) {
		if (child.exitCode !== null) throw new Error(`Node stopte:\n${log}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return { port, pid: child.pid! };
}
const nodes = [await startNode(), await startNode()];

/** CPU seconds used so far by these processes (utime + stime from /proc). */
function cpuOf(pids: number[]): number {
	let ticks = 0;
	for (const pid of pids) {
		try {
			const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// the process ended (a PostgreSQL backend closing): its time is no longer counted
		}
	}
	return ticks / TICK;
}
const postgresPids = () =>
	fs
		.readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.map(Number)
		.filter((pid) => {
			try {
				return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
			} catch {
				return false;
			}
		});

let counter = 0;
function send(agent: http.Agent, port: number, s: Shot) {
	const wrong = wrongChoices(s.step);
	const choice = counter % 3 === 0 || wrong.length === 0 ? rightChoice(s.step) : wrong[0]!;
	const body = JSON.stringify({
		items: [
			{
				kind: 'answer',
				clientId: `n${process.pid}x${(counter++).toString(36).padStart(8, '0')}`,
				lessonId: s.lessonId,
				stepId: s.step.id,
				choice
			}
		]
	});
	return new Promise<boolean>((resolve) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: '/leerling/sync',
				method: 'POST',
				agent,
				headers: {
					cookie: `denkna_session=${s.token}`,
					'content-type': 'application/json',
					origin: `http://127.0.0.1:${port}`
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve(res.statusCode === 200 && text.includes('"refused":[]')));
			}
		);
		req.on('error', () => resolve(false));
		req.end(body);
	});
}

async function load(nodeCount: number, connections: number) {
	const used = nodes.slice(0, nodeCount);
	const agents = used.map(() => new http.Agent({ keepAlive: true, maxSockets: connections }));
	const latencies: number[] = [];
	let errors = 0;
	const pgPids = postgresPids();
	const before = {
		nodes: cpuOf(used.map((n) => n.pid)),
		pg: cpuOf(pgPids),
		self: process.cpuUsage()
	};
	const started = performance.now();
	const end = started + SECONDS * 1000;
	let next = 0;
	// Client i always talks to node i % nodeCount: a load balancer spreading connections.
	const client = async (i: number) => {
		while (performance.now() < end) {
			const s = shots[next++ % shots.length]!;
			const t = performance.now();
			if (await send(agents[i % nodeCount]!, used[i % nodeCount]!.port, s))
				latencies.push(performance.now() - t);
			else errors++;
		}
	};
	await Promise.all(Array.from({ length: connections }, (_, i) => client(i)));
	const seconds = (performance.now() - started) / 1000;
	for (const a of agents) a.destroy();
	const self = process.cpuUsage(before.self);
	const per1000 = 1000 / Math.max(1, latencies.length);
	const sorted = latencies.sort((a, b) => a - b);
	const pct = (p: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
	return {
		rps: latencies.length / seconds,
		p50: pct(50),
		p99: pct(99),
		errors,
		cpu: {
			nodes: (cpuOf(used.map((n) => n.pid)) - before.nodes) * per1000,
			pg: (cpuOf(pgPids) - before.pg) * per1000,
			load: ((self.user + self.system) / 1e6) * per1000
		},
		seconds
	};
}

console.log(
	`PostgreSQL, ${shots.length} leerlingen, ${SECONDS} s per meting, ${os.cpus().length} kernen, load ${os.loadavg()[0]!.toFixed(1)}`
);
for (let round = 1; round <= ROUNDS; round++)
	for (const connections of CONNECTIONS)
		for (const n of [1, 2]) {
			const r = await load(n, connections);
			console.log(
				`ronde ${round}  ${String(connections).padStart(3)} verb.  ${n} node${n === 1 ? ' ' : 's'}  ${r.rps.toFixed(0).padStart(5)} antw/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  fout ${r.errors}  CPU-s per 1000: nodes ${r.cpu.nodes.toFixed(2)}, PostgreSQL ${r.cpu.pg.toFixed(2)}, lastgever ${r.cpu.load.toFixed(2)}`
			);
		}

// The bench's answers and sessions go again, so the dashboards bench keeps its data.
await db.deleteFrom('answer').where('client_id', 'like', `n${process.pid}x%`).execute();
await db
	.deleteFrom('session')
	.where(
		'id',
		'in',
		shots.map((s) => sessionIdFromToken(s.token))
	)
	.execute();
await db.destroy();
process.exit(0);
