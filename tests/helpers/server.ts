// Starts the real production build (node build) against a fresh database, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { freshDatabase } from './db.ts';
import type { DB } from '../../src/lib/server/db/index.ts';

export interface TestServer {
	url: string;
	db: DB;
	/** How a process opens this server's database (DATABASE_PATH or DATABASE_URL). */
	env: Record<string, string | undefined>;
	stop: () => Promise<void>;
	output: () => string;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export async function startServer(options: { host?: string } = {}): Promise<TestServer> {
	if (!fs.existsSync('build/index.js'))
		throw new Error('No production build: run `npm run build` first (npm test does this).');
	const fresh = await freshDatabase();
	const { db } = fresh;
	const port = await freePort();
	const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
	let log = '';
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			...fresh.env,
			ORIGIN: url
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	// Ready when *this* process says it listens: another server that grabbed a port first
	// must not be mistaken for ours.
	const deadline = Date.now() + 30_000;
	while (!log.includes(`Listening on`)) {
		if (child.exitCode !== null) throw new Error(`Server exited early:\n${log}`);
		if (Date.now() > deadline) throw new Error(`Server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		db,
		env: fresh.env,
		output: () => log,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			await fresh.drop();
		}
	};
}

/** A cookie-keeping HTTP client that posts forms the way a browser without JavaScript does. */
export class Client {
	cookies = new Map<string, string>();
	constructor(readonly base: string) {}

	private cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private keep(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const [name, value] = pair!.split('=');
			if (!value || /max-age=0/i.test(line)) this.cookies.delete(name!);
			else this.cookies.set(name!, value);
		}
	}

	async get(path: string) {
		const res = await fetch(this.base + path, {
			headers: { cookie: this.cookieHeader(), accept: 'text/html' },
			redirect: 'manual'
		});
		this.keep(res);
		return res;
	}

	async post(path: string, fields: Record<string, string | string[]>) {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
		const res = await fetch(this.base + path, {
			method: 'POST',
			headers: {
				cookie: this.cookieHeader(),
				accept: 'text/html',
				origin: this.base,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body,
			redirect: 'manual'
		});
		this.keep(res);
		return res;
	}

	/** A multipart form post, as a browser sends a form with a file input. */
	async postJson(path: string, body: unknown) {
		const res = await fetch(this.base + path, {
			method: 'POST',
			headers: {
				cookie: this.cookieHeader(),
				'content-type': 'application/json',
				origin: this.base
			},
			body: typeof body === 'string' ? body : JSON.stringify(body),
			redirect: 'manual'
		});
		this.keep(res);
		return res;
	}

	async postMultipart(path: string, form: FormData) {
		const res = await fetch(this.base + path, {
			method: 'POST',
			headers: { cookie: this.cookieHeader(), accept: 'text/html', origin: this.base },
			body: form,
			redirect: 'manual'
		});
		this.keep(res);
		return res;
	}
}
