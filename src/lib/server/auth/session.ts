// Sessions as the Lucia guide teaches: a random token in the cookie, only its SHA-256 in
// the database, sliding expiry for staff and parents up to an absolute maximum, a school-day
// maximum for pupils.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { DB } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import type { LoginTheme } from '../../pictures.ts';
import type { Band } from '../../lessons/schema.ts';
import { servedOverHttps } from './origin.ts';

export const SESSION_COOKIE = 'denkna_session';
const DAY = 24 * 60 * 60 * 1000;
/** Staff and parents: 30 days, renewed when less than 15 are left. */
export const USER_SESSION_MS = 30 * DAY;
/** However often it is renewed, a staff or parent session ends this long after the login. */
export const USER_SESSION_MAX_MS = 90 * DAY;
/** Pupils on shared Chromebooks: never longer than a school day, not renewed. */
export const PUPIL_SESSION_MS = 8 * 60 * 60 * 1000;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: Role;
	schoolId: number | null;
}

export interface SessionPupil {
	id: number;
	displayName: string;
	avatar: string;
	classId: number;
	className: string;
	band: Band;
	schoolId: number;
	loginToken: string;
	readAloud: boolean;
	/** The class's login pictures, for the pupil's avatar. */
	loginTheme: LoginTheme;
}

export interface Session {
	id: string;
	expiresAt: number;
}

export type SessionValidation =
	| { session: Session; user: SessionUser; pupil: null }
	| { session: Session; user: null; pupil: SessionPupil }
	| { session: null; user: null; pupil: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: DB,
	token: string,
	subject: { userId: number } | { pupilId: number },
	now = Date.now()
): Promise<Session> {
	const isPupil = 'pupilId' in subject;
	const session = {
		id: sessionIdFromToken(token),
		user_id: isPupil ? null : subject.userId,
		pupil_id: isPupil ? subject.pupilId : null,
		expires_at: now + (isPupil ? PUPIL_SESSION_MS : USER_SESSION_MS),
		created_at: now
	};
	await db.insertInto('session').values(session).execute();
	return { id: session.id, expiresAt: session.expires_at };
}

const NONE = { session: null, user: null, pupil: null } as const;

export async function validateSessionToken(
	db: DB,
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const row = await db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return NONE;
	if (now >= row.expires_at) {
		await db.deleteFrom('session').where('id', '=', id).execute();
		return NONE;
	}
	if (row.pupil_id !== null) {
		const pupil = await db
			.selectFrom('pupil')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select([
				'pupil.id',
				'pupil.display_name',
				'pupil.avatar',
				'pupil.locked_at',
				'class.id as class_id',
				'class.name as class_name',
				'class.band',
				'class.school_id',
				'class.login_token',
				'class.read_aloud',
				'class.login_theme',
				'class.archived_at'
			])
			.where('pupil.id', '=', row.pupil_id)
			.executeTakeFirst();
		if (!pupil || pupil.archived_at !== null) return NONE;
		return {
			session: { id, expiresAt: row.expires_at },
			user: null,
			pupil: {
				id: pupil.id,
				displayName: pupil.display_name,
				avatar: pupil.avatar,
				classId: pupil.class_id,
				className: pupil.class_name,
				band: pupil.band,
				schoolId: pupil.school_id,
				loginToken: pupil.login_token,
				readAloud: pupil.read_aloud === 1,
				loginTheme: pupil.login_theme
			}
		};
	}
	const user = await db
		.selectFrom('user')
		.select(['id', 'email', 'name', 'role', 'school_id'])
		.where('id', '=', row.user_id!)
		.executeTakeFirst();
	if (!user) return NONE;
	let expiresAt = row.expires_at;
	const last = row.created_at + USER_SESSION_MAX_MS;
	if (now >= expiresAt - USER_SESSION_MS / 2 && expiresAt < last) {
		expiresAt = Math.min(now + USER_SESSION_MS, last);
		await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
	}
	return {
		session: { id, expiresAt },
		user: {
			id: user.id,
			email: user.email,
			name: user.name,
			role: user.role,
			schoolId: user.school_id
		},
		pupil: null
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** "Log uit op alle apparaten": every session of this user, this one included. */
export async function invalidateUserSessions(db: DB, userId: number): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function invalidatePupilSessions(db: DB, pupilId: number): Promise<void> {
	await db.deleteFrom('session').where('pupil_id', '=', pupilId).execute();
}

// A Secure cookie over plain http is dropped by the browser: login would silently do nothing.
const secure = () =>
	process.env.NODE_ENV === 'production' &&
	process.env.DENKNA_INSECURE_COOKIES !== '1' &&
	servedOverHttps();

export function setSessionTokenCookie(cookies: Cookies, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(),
		expires: new Date(expiresAt),
		path: '/'
	});
}

export function deleteSessionTokenCookie(cookies: Cookies): void {
	cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(),
		maxAge: 0,
		path: '/'
	});
}
