// Behind a real reverse proxy: Debian's nginx with TLS (a self-signed certificate this test
// trusts), configured with the README's own nginx block and started with the README's own
// command line. Secure cookies, HSTS, and a rate-limit address that is the real client's.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../helpers/db.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freePort, serveBuild, type Running } from './lib/serve.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const HOSTNAME = 'denkna.school.nl';
const readme = fs.readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Running behind a reverse proxy'));
const nginxBlock = section.match(/```nginx\n([\s\S]*?)```/)![1]!;
const startLine = section.match(/```sh\n(.*npm start)\n```/)![1]!;

let db: DB;
let dir: string;
let school: SchoolFixture;
let app: Running;
let nginx: ChildProcess;
let proxyPort: number;
let ca: Buffer;

function request(
	pathname: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		const req = https.request(
			{
				host: '127.0.0.1',
				port: proxyPort,
				servername: HOSTNAME,
				ca,
				path: pathname,
				method: options.method ?? 'GET',
				headers: { host: `${HOSTNAME}:${proxyPort}`, accept: 'text/html', ...options.headers }
			},
			(res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
			}
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

const origin = () => `https://${HOSTNAME}:${proxyPort}`;

function login(email: string, password: string, extra: Record<string, string> = {}) {
	return request('/login', {
		method: 'POST',
		headers: {
			origin: origin(),
			'content-type': 'application/x-www-form-urlencoded',
			...extra
		},
		body: new URLSearchParams({ email, password }).toString()
	});
}

beforeAll(async () => {
	if (!NGINX)
		throw new Error('nginx is not installed: .ci/run installs it (apt-get install nginx).');
	let database: FreshDatabase['env'];
	({ db, env: database, dir } = await freshDatabase());
	school = await seedSchool(db);
	proxyPort = await freePort();
	const appPort = await freePort();

	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-days',
			'2',
			'-subj',
			`/CN=${HOSTNAME}`,
			'-addext',
			`subjectAltName=DNS:${HOSTNAME}`,
			'-keyout',
			path.join(dir, 'denkna.key'),
			'-out',
			path.join(dir, 'denkna.pem')
		],
		{ stdio: 'ignore' }
	);
	ca = fs.readFileSync(path.join(dir, 'denkna.pem'));

	// The README's block, with this test's certificate and ports.
	const site = nginxBlock
		.replace('listen 443 ssl;', `listen 127.0.0.1:${proxyPort} ssl;`)
		.replace('/etc/ssl/certs/denkna.pem', path.join(dir, 'denkna.pem'))
		.replace('/etc/ssl/private/denkna.key', path.join(dir, 'denkna.key'))
		.replace('http://127.0.0.1:3000', `http://127.0.0.1:${appPort}`);
	expect(site).not.toBe(nginxBlock);
	const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
	fs.writeFileSync(
		path.join(dir, 'nginx.conf'),
		`pid ${path.join(dir, 'nginx.pid')};\nerror_log ${path.join(dir, 'nginx-error.log')};\n` +
			`events {}\nhttp {\naccess_log off;\n${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n')}\n${site}\n}\n`
	);
	const test = spawnSync(NGINX, ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir], {
		encoding: 'utf8'
	});
	expect(test.status, test.stderr).toBe(0);
	nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
		stdio: 'ignore'
	});

	// The README's command line, with this test's origin and port.
	const env: Record<string, string> = {};
	for (const [, key, value] of startLine.matchAll(/([A-Z_]+)=(\S+)/g)) env[key!] = value!;
	expect(env).toMatchObject({ ORIGIN: `https://${HOSTNAME}`, ADDRESS_HEADER: 'X-Forwarded-For' });
	app = await serveBuild({ database, port: appPort, env: { ...env, ORIGIN: origin() } });
	for (let i = 0; i < 100; i++) {
		try {
			await request('/');
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
});

afterAll(async () => {
	await app?.stop();
	if (nginx && nginx.exitCode === null) {
		const exited = new Promise((r) => nginx.once('exit', r));
		nginx.kill('SIGTERM');
		await exited;
	}
	await db?.destroy();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('behind nginx with TLS', () => {
	it('logs in over https with a Secure cookie, HSTS, and the app only on 127.0.0.1', async () => {
		const res = await login(school.teacherA.email, PASSWORD);
		expect(res.status, res.body.slice(0, 3000)).toBe(303);
		expect(res.headers.location).toBe('/docent');
		const cookie = ([res.headers['set-cookie']].flat() as string[]).find((c) =>
			c.startsWith('denkna_session=')
		)!;
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		const page = await request('/', {});
		expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		expect(app.output()).toContain(`luistert op http://127.0.0.1:${app.port}`);
	});

	it('counts the real client address, whatever X-Forwarded-For the client forges', async () => {
		await login('niemand@school.test', 'fout-wachtwoord', { 'x-forwarded-for': '203.0.113.9' });
		await login('niemand@school.test', 'fout-wachtwoord');
		const rows = await db
			.selectFrom('login_attempt')
			.select('address')
			.where('subject', '=', 'email:niemand@school.test')
			.execute();
		expect(rows.map((r) => r.address)).toEqual(['127.0.0.1', '127.0.0.1']);
	});

	it('still refuses a form from another site, with the Dutch page', async () => {
		const res = await request('/login', {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'email=a%40b.nl&password=x'
		});
		expect(res.status).toBe(403);
		expect(res.body).toContain('Dit formulier is geweigerd');
	});
});
