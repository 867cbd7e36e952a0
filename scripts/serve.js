// Runs the production build (build/index.js) the way a school needs it; `npm start` and
// `npm run demo` both come here.
// - Security headers on every response, the static files adapter-node serves included
//   (those never pass through hooks.server.ts).
// - A body limit above the CSV import's 1 MB (adapter-node's default is 512 KiB): forms over
//   1 MB get the hook's Dutch "te groot" (MAX_FORM_BYTES in auth/requests.ts); this outer
//   limit only stops uploads so large that reading them to the end is not worth it.
// - Behind a proxy (ADDRESS_HEADER set) it listens on 127.0.0.1 unless HOST says otherwise,
//   so nobody can reach the app port directly with a forged X-Forwarded-For.
// - Without ORIGIN it prints the LAN addresses it can be opened at over plain http.
import http from 'node:http';
import { lanUrls } from './lib/lan.js';

process.env.NODE_ENV = 'production';
process.env.BODY_SIZE_LIMIT ??= '8M';
if (process.env.ADDRESS_HEADER && !process.env.HOST) process.env.HOST = '127.0.0.1';

const port = process.env.PORT || '3000';
const https = (process.env.ORIGIN ?? '').startsWith('https:') || !!process.env.PROTOCOL_HEADER;

const HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()',
	'x-frame-options': 'DENY',
	...(https ? { 'strict-transport-security': 'max-age=31536000' } : {})
};

const createServer = http.createServer;
/** @type {typeof http.createServer} */
http.createServer = (/** @type {any[]} */ ...args) => {
	const server = createServer(...args);
	server.prependListener('request', (_req, res) => {
		for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
	});
	return server;
};

const host = process.env.HOST || '0.0.0.0';
if (process.env.ORIGIN) {
	console.log(`DenkNa: te openen op ${process.env.ORIGIN} (luistert op http://${host}:${port})`);
} else if (host === '0.0.0.0' || host === '::') {
	const urls = [`http://localhost:${port}`, ...lanUrls(port)];
	console.log('DenkNa: te openen op (gewone http, zonder ORIGIN):');
	for (const url of urls) console.log(`  ${url}`);
	console.log(
		'Komen mensen via een ander adres binnen (een proxy met https)? Zet dan ORIGIN op dat adres.'
	);
} else {
	console.log(`DenkNa: luistert op http://${host}:${port}`);
}

await import(new URL('../build/index.js', import.meta.url).href);
