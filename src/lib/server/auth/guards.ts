// One guard per role. Every protected load and every action calls one: a check in a layout
// load alone would not protect the actions.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionPupil, SessionUser } from './session.ts';

type StaffUser = SessionUser & { role: 'teacher' | 'admin'; schoolId: number };
type ParentUser = SessionUser & { role: 'parent' };

function toLogin(event: RequestEvent): never {
	const target = event.url.pathname + event.url.search;
	redirect(303, `/login?redirectTo=${encodeURIComponent(target)}`);
}

/** A teacher or school admin. */
export function requireTeacher(event: RequestEvent): StaffUser {
	const user = event.locals.user;
	if (!user) toLogin(event);
	if ((user.role !== 'teacher' && user.role !== 'admin') || user.schoolId === null)
		error(403, 'Deze pagina is alleen voor leraren.');
	return user as StaffUser;
}

export function requireAdmin(event: RequestEvent): StaffUser {
	const user = requireTeacher(event);
	if (user.role !== 'admin') error(403, 'Deze pagina is alleen voor de schoolbeheerder.');
	return user;
}

export function requireParent(event: RequestEvent): ParentUser {
	const user = event.locals.user;
	if (!user) toLogin(event);
	if (user.role !== 'parent') error(403, 'Deze pagina is alleen voor ouders.');
	return user as ParentUser;
}

export function requirePupil(event: RequestEvent): SessionPupil {
	const pupil = event.locals.pupil;
	if (!pupil) redirect(303, '/?uitgelogd=1');
	return pupil;
}

/**
 * Only paths on this site, so a login link can't send someone elsewhere. Browsers drop TAB,
 * CR and LF inside a URL ("/\t/evil.example" becomes "//evil.example") and a CR/LF can't go
 * into a Location header at all, so any control character or backslash is refused.
 */
export function safeRedirectTarget(target: string | null, fallback: string): string {
	if (!target || !target.startsWith('/') || target.startsWith('//')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
	const url = new URL(target, 'http://denkna.invalid');
	return url.origin === 'http://denkna.invalid' ? url.pathname + url.search + url.hash : fallback;
}

/** Where a signed-in user belongs. */
export function homeFor(locals: App.Locals): string {
	if (locals.pupil) return '/leerling';
	if (locals.user?.role === 'parent') return '/ouder';
	if (locals.user) return '/docent';
	return '/';
}
