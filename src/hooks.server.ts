import type { Handle, ServerInit } from '@sveltejs/kit';
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

export const init: ServerInit = async () => {
	await migrateToLatest(getDb(), bundledMigrations());
	// Fails start-up naming the file and field when a lesson is wrong.
	const library = getLibrary();
	console.log(`DenkNa: ${library.lessons.length} lessen geladen uit ${library.dir}`);
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

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// Shared Chromebooks: after logout, Back or a reload must never show the previous pupil.
	if (!event.url.pathname.startsWith('/_app/immutable/')) {
		response.headers.set('cache-control', 'no-store');
	}
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handle = sequence(headers, auth);
