// Requests refused before any route sees them, each with a Dutch page that says what is
// wrong and what to do: a cross-site form post, a body that is too big or can't be read.
import type { RequestEvent } from '@sveltejs/kit';
import { crossSiteFormPost, publicOrigin } from './origin.ts';

/** The most a form may send: the CSV import promises 1 MB files, plus the form around it. */
export const MAX_FORM_BYTES = 1_100_000;

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** The page's text without its markup, for the error page (which shows text, not HTML). */
const plainText = (html: string) =>
	html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

/**
 * A refusal as the browser expects it: an ActionResult for a form sent by `use:enhance`
 * (which then shows the error page), a small Dutch HTML page for a plain form post.
 */
export function refuse(event: RequestEvent, status: number, title: string, text: string) {
	const headers: Record<string, string> = {
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	};
	// The unread rest of a too-large body stays on the connection: close it.
	if (status === 413) headers.connection = 'close';
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return Response.json(
			{ type: 'error', status, error: { message: `${title} ${plainText(text)}` } },
			{ status, headers }
		);
	const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – DenkNa</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .25em}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${text}</p><p><a href="/">Naar de startpagina</a></p></body></html>`;
	return new Response(html, {
		status,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}

/** A form post from another address than this site's, refused with how to fix it. */
export function refuseCrossSite(event: RequestEvent): Response | null {
	const sent = crossSiteFormPost(event);
	if (sent === null) return null;
	// "null": a page without an address of its own (a file, a sandboxed frame).
	const from = sent === 'null' ? 'een pagina zonder adres' : sent;
	const expected = publicOrigin(event);
	return refuse(
		event,
		403,
		'Dit formulier is geweigerd.',
		`Het kwam van <code>${escapeHtml(from)}</code>, maar DenkNa verwacht formulieren van ` +
			`<code>${escapeHtml(expected)}</code>. Dat beschermt tegen andere websites die namens ` +
			`jou iets proberen te versturen. Open DenkNa via het adres dat de school gebruikt. ` +
			`Beheert u de server? Zet dan <code>ORIGIN</code> op dat adres, bijvoorbeeld ` +
			`<code>ORIGIN=https://denkna.school.nl</code>, en start DenkNa opnieuw.`
	);
}

const TOO_BIG = [
	'Dit is te groot.',
	'Een formulier of bestand mag hoogstens 1 MB zijn. Kies een kleiner bestand of splits de lijst.'
] as const;

async function drain(request: Request) {
	try {
		const reader = request.body?.getReader();
		if (reader) while (!(await reader.read()).done);
	} catch {
		// Past BODY_SIZE_LIMIT the stream errors: the refusal goes out all the same.
	}
}

/**
 * Reads a form body once up front, so a body that is too large or malformed gets a Dutch
 * 413 or 400 here instead of an English 500 in whichever action reads it.
 */
export async function refuseBadForm(event: RequestEvent): Promise<Response | null> {
	const { request } = event;
	if (request.method !== 'POST') return null;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') return null;
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_FORM_BYTES) {
		// Read the upload to its end (up to BODY_SIZE_LIMIT), so the browser is done sending
		// and shows this answer instead of a broken connection.
		await drain(request);
		return refuse(event, 413, ...TOO_BIG);
	}
	try {
		const body = await request.clone().arrayBuffer();
		if (body.byteLength > MAX_FORM_BYTES) return refuse(event, 413, ...TOO_BIG);
		await new Response(body, {
			headers: { 'content-type': request.headers.get('content-type')! }
		}).formData();
		return null;
	} catch (error) {
		const status = (error as { status?: number }).status;
		if (status === 413) return refuse(event, 413, ...TOO_BIG);
		return refuse(
			event,
			400,
			'Dit formulier kon niet gelezen worden.',
			'Het kwam beschadigd of onvolledig aan. Laad de pagina opnieuw en probeer het nog eens.'
		);
	}
}
