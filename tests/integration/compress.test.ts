// The compress hook over real HTTP: pages are streamed compressed, small replies pass untouched.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

/** A raw GET (fetch would decompress on its own and hide the encoding). */
function get(path: string, headers: Record<string, string>) {
	return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
		http
			.get(server.url + path, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
			})
			.on('error', reject);
	});
}

describe('compression', () => {
	it('sends a page brotli- or gzip-compressed, whole', async () => {
		const plain = await get('/login', { accept: 'text/html' });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.length).toBeGreaterThan(1024);
		const br = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/Accept-Encoding/i);
		expect(br.body.length).toBeLessThan(plain.body.length);
		expect(brotliDecompressSync(br.body).toString()).toContain('</html>');
		const gz = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toContain('</html>');
	});

	it('leaves a small JSON reply as it is, with its length', async () => {
		const res = await get('/leerling/sync', {
			'accept-encoding': 'br',
			accept: 'application/json'
		});
		expect(res.headers['content-encoding']).toBeUndefined();
		expect(Number(res.headers['content-length'])).toBe(res.body.length);
	});
});
