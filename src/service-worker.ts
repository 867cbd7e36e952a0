/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Keeps the pupil's lesson going without Wi-Fi: the app shell, fonts and pictures are cached
// per version, and the pupil pages (Mijn lessen, the lessons they opened) per pupil. A page
// is cached only when the server marks it with the pupil it belongs to; another pupil's
// answer, a logout or a page for nobody clears every pupil cache, so a shared Chromebook
// never shows one pupil's data to the next. Posts (answers, sync, logout) always go to the
// network: the outbox in the page retries them.
import { build, files, version } from '$service-worker';
import { PUPIL_HEADER } from '$lib/player/offline';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `denkna-shell-${version}`;
const PUPIL_PREFIX = 'denkna-pupil-';
// Chromebooks read woff2: the older .woff copies would only cost bytes.
const ASSETS = [
	...build.filter((f) => !f.endsWith('.woff')),
	...files.filter((f) => f.endsWith('.svg'))
];
const assetSet = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => sw.skipWaiting())
	);
});

// A new version replaces the old shell at once; file names are hashed, so a page still open
// on the old version fetches what it misses from the network.
sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith('denkna-shell-') && key !== SHELL) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/** Removes every pupil cache except `keep`'s. */
async function clearPupils(keep?: string) {
	for (const key of await caches.keys())
		if (key.startsWith(PUPIL_PREFIX) && key !== PUPIL_PREFIX + keep) await caches.delete(key);
}

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; key?: unknown } | null;
	if (data?.type === 'logout') event.waitUntil(clearPupils());
	else if (data?.type === 'pupil' && typeof data.key === 'string')
		event.waitUntil(clearPupils(data.key));
});

/** Pupil pages are kept by path: a page and its __data.json, whatever their query. */
function pageKey(url: URL) {
	return url.origin + url.pathname;
}

function htmlPath(url: URL) {
	return url.pathname.replace(/\/__data\.json$/, '') || '/';
}

async function matchPupil(url: URL): Promise<Response | undefined> {
	for (const key of await caches.keys()) {
		if (!key.startsWith(PUPIL_PREFIX)) continue;
		const hit = await (await caches.open(key)).match(pageKey(url));
		if (hit) return hit;
	}
	return undefined;
}

function offlinePage() {
	return new Response(
		'<!doctype html><html lang="nl"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Geen internet · DenkNa</title>' +
			'<body style="font-family:system-ui,sans-serif;font-size:1.25rem;max-width:40rem;margin:2rem auto;padding:0 1rem">' +
			'<h1>Geen internet</h1><p>Deze pagina is nog niet op deze computer geopend. Wacht tot er weer internet is, of ga terug naar je lessen.</p>' +
			'<p><a href="/leerling">Naar mijn lessen</a></p></body></html>',
		{ status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } }
	);
}

async function pupilPage(event: FetchEvent, url: URL): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(event.request);
	} catch {
		const cached = await matchPupil(url);
		if (cached) return cached;
		if (url.pathname.endsWith('/__data.json')) return Response.error();
		return offlinePage();
	}
	if (response.type === 'opaqueredirect' || response.redirected) {
		// Sent elsewhere (logged out, session over): nothing of a pupil stays.
		event.waitUntil(clearPupils());
		return response;
	}
	if (!response.ok) return response;
	const copy = response.clone();
	event.waitUntil(
		(async () => {
			// The layout's data names the pupil; a page's own data (moving inside the app)
			// belongs to the pupil of the last layout, whose cache is the only one there is.
			const key = response.headers.get(PUPIL_HEADER);
			if (key && /^\d+$/.test(key)) await clearPupils(key);
			const name = key
				? PUPIL_PREFIX + key
				: (await caches.keys()).find((k) => k.startsWith(PUPIL_PREFIX));
			if (!name) return;
			const cache = await caches.open(name);
			await cache.put(pageKey(url), copy);
			// Opened inside the app (only __data.json came): keep its page too, so a reload
			// without Wi-Fi finds it. The page picks up the latest state from the browser.
			if (url.pathname.endsWith('/__data.json')) {
				const page = new URL(htmlPath(url), url.origin);
				if (await cache.match(pageKey(page))) return;
				const html = await fetch(page, { credentials: 'same-origin' });
				if (html.ok && html.headers.get(PUPIL_HEADER) === name.slice(PUPIL_PREFIX.length))
					await cache.put(pageKey(page), html);
			}
		})()
	);
	return response;
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (assetSet.has(url.pathname)) {
		event.respondWith(
			caches.open(SHELL).then(async (cache) => (await cache.match(url.pathname)) ?? fetch(request))
		);
		return;
	}
	// Back on the class page after logging out: the pupil's pages go.
	if (url.searchParams.has('uitgelogd')) event.waitUntil(clearPupils());
	if (url.pathname === '/leerling' || url.pathname.startsWith('/leerling/')) {
		if (url.pathname.startsWith('/leerling/sync')) return;
		event.respondWith(pupilPage(event, url));
	}
});
