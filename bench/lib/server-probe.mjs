// Loaded into a benchmarked server with `node --import` (bench/answers.ts, BENCH_PROBE=1): where a
// request's latency goes inside the server. Keeps histograms of the event loop's delay, of each
// request's time from arrival to its last byte written, of garbage-collection pauses, and of the
// time better-sqlite3 spends in COMMIT (the fsync, with synchronous = FULL) and in all other
// statements. On SIGUSR2 it writes them to BENCH_PROBE_FILE and starts afresh.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const histograms = {
	request: createHistogram(),
	commit: createHistogram(),
	statement: createHistogram(),
	fileSync: createHistogram(),
	gc: createHistogram()
};
let commitTotal = 0n;
let statementTotal = 0n;
let gcTotal = 0;
let started = process.hrtime.bigint();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
	if (event === 'request') {
		const t = process.hrtime.bigint();
		res.once('finish', () => histograms.request.record(process.hrtime.bigint() - t));
	}
	return emit.apply(this, arguments);
};

new PerformanceObserver((list) => {
	for (const e of list.getEntries()) {
		histograms.gc.record(Math.max(1, Math.round(e.duration * 1e6)));
		gcTotal += e.duration;
	}
}).observe({ entryTypes: ['gc'] });

// The server's own better-sqlite3 (the module cache makes it the same instance).
try {
	const require = createRequire(path.join(process.cwd(), 'package.json'));
	const SQLite = require('better-sqlite3');
	const memory = new SQLite(':memory:');
	const proto = Object.getPrototypeOf(memory.prepare('select 1'));
	memory.close();
	for (const method of ['run', 'all', 'get']) {
		const original = proto[method];
		proto[method] = function () {
			const t = process.hrtime.bigint();
			try {
				return original.apply(this, arguments);
			} finally {
				const dt = process.hrtime.bigint() - t;
				if (/^\s*commit/i.test(this.source)) {
					histograms.commit.record(dt);
					commitTotal += dt;
				} else {
					histograms.statement.record(dt);
					statementTotal += dt;
				}
			}
		};
	}
} catch {
	// Not every server uses better-sqlite3 from here: then only the other figures.
}

// FileHandle.sync, which the group commit uses to fsync the WAL off the event loop.
try {
	const handle = await fs.promises.open(process.execPath, 'r');
	const proto = Object.getPrototypeOf(handle);
	await handle.close();
	const sync = proto.sync;
	proto.sync = async function () {
		const t = process.hrtime.bigint();
		try {
			return await sync.apply(this, arguments);
		} finally {
			histograms.fileSync.record(process.hrtime.bigint() - t);
		}
	};
} catch {
	// Without it, only the other figures.
}

const ms = (h, p) => (h.count ? h.percentile(p) / 1e6 : 0);
const summary = (h) => ({
	count: h.count,
	p50: ms(h, 50),
	p99: ms(h, 99),
	max: h.count ? h.max / 1e6 : 0
});

process.on('SIGUSR2', () => {
	const wall = Number(process.hrtime.bigint() - started) / 1e6;
	const out = {
		wallMs: wall,
		loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
		request: summary(histograms.request),
		commit: { ...summary(histograms.commit), totalMs: Number(commitTotal) / 1e6 },
		fileSync: summary(histograms.fileSync),
		statement: { ...summary(histograms.statement), totalMs: Number(statementTotal) / 1e6 },
		gc: { ...summary(histograms.gc), totalMs: gcTotal }
	};
	if (file) fs.writeFileSync(file, JSON.stringify(out));
	loop.reset();
	for (const h of Object.values(histograms)) h.reset();
	commitTotal = 0n;
	statementTotal = 0n;
	gcTotal = 0;
	started = process.hrtime.bigint();
});
