// Starts the production server the way a school does (`npm start`'s scripts/serve.js, or
// `node build` directly) on a database file the test keeps, so it can be killed and started
// again on the same file.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export interface Running {
	url: string;
	port: number;
	child: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
	kill: () => Promise<void>;
}

export async function serveBuild(options: {
	/** A SQLite file (tests of what only SQLite has), or `database`. */
	file?: string;
	/** How the server opens its database: `FreshDatabase.env` (tests/helpers/db.ts). */
	database?: Record<string, string | undefined>;
	port?: number;
	env?: Record<string, string | undefined>;
	/** 'serve' runs scripts/serve.js (what npm start runs), 'index' runs build/index.js. */
	entry?: 'serve' | 'index';
}): Promise<Running> {
	const port = options.port ?? (await freePort());
	let log = '';
	const script = options.entry === 'index' ? 'build/index.js' : 'scripts/serve.js';
	const env: Record<string, string | undefined> = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		...(options.database ?? { DATABASE_PATH: options.file, DATABASE_URL: undefined }),
		ORIGIN: undefined,
		...options.env
	};
	for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
	const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const deadline = Date.now() + 30_000;
	while (!log.includes('Listening on')) {
		if (child.exitCode !== null) throw new Error(`Server exited early:\n${log}`);
		if (Date.now() > deadline) throw new Error(`Server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	const ended = (signal: NodeJS.Signals) => async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		await exited;
	};
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		child,
		output: () => log,
		stop: ended('SIGTERM'),
		kill: ended('SIGKILL')
	};
}
