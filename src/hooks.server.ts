import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { getLibrary } from '$lib/server/lessons';
import {
	SESSION_COOKIE,
	deleteSessionTokenCookie,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { refuseBadForm, refuseCrossSite } from '$lib/server/auth/requests';
import { servedOverHttps } from '$lib/server/auth/origin';
import { scheduleCleanUp } from '$lib/server/retention';

export const init: ServerInit = async () => {
	await migrateToLatest(getDb(), bundledMigrations());
	// Fails start-up naming the file and field when a lesson is wrong.
	const library = getLibrary();
	console.log(`DenkNa: ${library.lessons.length} lessen geladen uit ${library.dir}`);
	scheduleCleanUp(getDb());
};

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.session = null;
		event.locals.user = null;
		event.locals.pupil = null;
		return resolve(event);
	}
	const { session, user, pupil } = await validateSessionToken(getDb(), token);
	if (session) setSessionTokenCookie(event.cookies, token, session.expiresAt);
	else deleteSessionTokenCookie(event.cookies);
	event.locals.session = session;
	event.locals.user = user;
	event.locals.pupil = pupil;
	return resolve(event);
};

/**
 * Before anything reads the request: cross-site form posts (SvelteKit's own check is off, see
 * auth/origin.ts), bodies that are too large or malformed. Each gets a Dutch page.
 */
const guardRequests: Handle = async ({ event, resolve }) =>
	refuseCrossSite(event) ?? (await refuseBadForm(event)) ?? resolve(event);

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// Shared Chromebooks: after logout, Back or a reload must never show the previous pupil.
	if (!event.url.pathname.startsWith('/_app/immutable/')) {
		response.headers.set('cache-control', 'no-store');
	}
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	response.headers.set('x-frame-options', 'DENY');
	if (process.env.NODE_ENV === 'production' && servedOverHttps())
		response.headers.set('strict-transport-security', 'max-age=31536000');
	return response;
};

/**
 * adapter-node serves the built assets precompressed but sends pages as they are; a school's
 * Wi-Fi is slow, so pages and data are compressed here (and a proxy in front may do it too).
 * Decided from the headers alone: a reply that is not compressed is passed on untouched, never
 * buffered (most of the pupils' replies are tiny JSON or a bodiless 303). What is compressed is
 * streamed through zlib, which works in the thread pool: a big dashboard page does not hold up
 * the pupils' answers meanwhile.
 */
const COMPRESSIBLE = /^(text\/html|application\/json|text\/csv)/;
const COMPRESS_FROM_BYTES = 1024;

const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const body = response.body;
	const accept = event.request.headers.get('accept-encoding') ?? '';
	const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
	const length = response.headers.get('content-length');
	if (
		!encoding ||
		!body ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(response.headers.get('content-type') ?? '') ||
		(length !== null && Number(length) < COMPRESS_FROM_BYTES)
	)
		return response;
	const packer =
		encoding === 'br'
			? createBrotliCompress({
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						...(length ? { [constants.BROTLI_PARAM_SIZE_HINT]: Number(length) } : {})
					}
				})
			: createGzip({ level: 6 });
	// A failing page stream ends the compressed one too; the error is the page's, logged there.
	pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), packer, () => {});
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(Readable.toWeb(packer) as ReadableStream<Uint8Array>, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};

/** Unexpected errors: a Dutch message, never the details (they go to the server log). */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status === 413) return { message: 'Dit is te groot: hoogstens 1 MB.' };
	if (status === 404) return { message: 'Deze pagina bestaat niet.' };
	if (status >= 500) console.error(error);
	return {
		message:
			status >= 500
				? 'Er ging iets mis op de server. Probeer het over een minuut opnieuw.'
				: 'Dit verzoek kon niet worden verwerkt. Ga terug en probeer het opnieuw.'
	};
};

export const handle = sequence(compress, headers, guardRequests, auth);
