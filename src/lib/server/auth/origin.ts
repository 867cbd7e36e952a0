// Which address people use to reach DenkNa, and whether a form post came from it.
//
// adapter-node builds each request's URL from ORIGIN, or else from the Host header with
// "https" (or PROTOCOL_HEADER). On a school's plain-http LAN without ORIGIN that guess is
// wrong, so SvelteKit's own origin check refused every form. The check lives here instead
// (svelte.config.js turns SvelteKit's off): a form post must come from ORIGIN when it is
// set, else from the very address the request was sent to, over plain http unless a proxy
// says otherwise. A page on another site can't post with this site's Origin header.
import type { RequestEvent } from '@sveltejs/kit';

const configured = () => process.env.ORIGIN?.replace(/\/$/, '') || null;

/** The origin people opened the page at: ORIGIN when set, else this request's own host. */
export function publicOrigin(event: Pick<RequestEvent, 'url'>): string {
	const origin = configured();
	if (origin) return origin;
	if (process.env.PROTOCOL_HEADER) return event.url.origin;
	return `http://${event.url.host}`;
}

/** Whether session cookies can be Secure: only when people reach DenkNa over https. */
export function servedOverHttps(): boolean {
	const origin = configured();
	return origin ? origin.startsWith('https:') : !!process.env.PROTOCOL_HEADER;
}

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];

/** A browser form post (the requests CSRF is about) whose Origin is not this site's. */
export function crossSiteFormPost(event: Pick<RequestEvent, 'url' | 'request'>): string | null {
	const { request } = event;
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return null;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return null;
	const origin = request.headers.get('origin');
	const expected = publicOrigin(event);
	return origin === expected ? null : (origin ?? 'geen');
}
