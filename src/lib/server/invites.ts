// Teachers join a school by an invite link from the school admin: one use, a week valid.
import { emailTaken, insertUser } from './users.ts';
import type { DB } from './db/index.ts';
import { generateSessionToken, sessionIdFromToken } from './auth/session.ts';
import { hashPassword } from './auth/password.ts';
import { normalizeEmail } from './auth/login.ts';

export const INVITE_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvite(
	db: DB,
	input: { schoolId: number; email: string; createdBy: number },
	now = Date.now()
): Promise<{ token: string; expiresAt: number }> {
	const token = generateSessionToken();
	const expiresAt = now + INVITE_MS;
	await db
		.insertInto('teacher_invite')
		.values({
			school_id: input.schoolId,
			token_hash: sessionIdFromToken(token),
			email: normalizeEmail(input.email),
			created_by: input.createdBy,
			created_at: now,
			expires_at: expiresAt,
			used_at: null
		})
		.execute();
	return { token, expiresAt };
}

export type InviteLookup =
	| { ok: true; invite: { id: number; email: string; schoolId: number; schoolName: string } }
	| { ok: false; message: string };

export async function findInvite(db: DB, token: string, now = Date.now()): Promise<InviteLookup> {
	if (!/^[a-z2-7]{20,64}$/.test(token))
		return { ok: false, message: 'Deze uitnodiging bestaat niet.' };
	const row = await db
		.selectFrom('teacher_invite')
		.innerJoin('school', 'school.id', 'teacher_invite.school_id')
		.select([
			'teacher_invite.id',
			'teacher_invite.email',
			'teacher_invite.school_id',
			'teacher_invite.expires_at',
			'teacher_invite.used_at',
			'school.name'
		])
		.where('teacher_invite.token_hash', '=', sessionIdFromToken(token))
		.executeTakeFirst();
	if (!row) return { ok: false, message: 'Deze uitnodiging bestaat niet.' };
	if (row.used_at !== null)
		return { ok: false, message: 'Deze uitnodiging is al gebruikt. Log in met je e-mailadres.' };
	if (row.expires_at < now)
		return {
			ok: false,
			message: 'Deze uitnodiging is verlopen. Vraag de schoolbeheerder om een nieuwe.'
		};
	return {
		ok: true,
		invite: { id: row.id, email: row.email, schoolId: row.school_id, schoolName: row.name }
	};
}

/** Creates the teacher and uses up the invite, both or neither. */
export async function acceptInvite(
	db: DB,
	token: string,
	input: { name: string; password: string },
	now = Date.now()
): Promise<{ ok: true; userId: number } | { ok: false; message: string }> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const found = await findInvite(trx, token, now);
		if (!found.ok) return found;
		if (await emailTaken(trx, found.invite.email))
			return { ok: false, message: 'Er is al een account met dit e-mailadres. Log daarmee in.' };
		const used = await trx
			.updateTable('teacher_invite')
			.set({ used_at: now })
			.where('id', '=', found.invite.id)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (used.numUpdatedRows === 0n)
			return { ok: false, message: 'Deze uitnodiging is al gebruikt. Log in met je e-mailadres.' };
		const id = await insertUser(
			trx,
			{
				email: found.invite.email,
				name: input.name,
				passwordHash,
				role: 'teacher',
				schoolId: found.invite.schoolId
			},
			now
		);
		return { ok: true, userId: id };
	});
}

export async function schoolStaff(db: DB, schoolId: number, now = Date.now()) {
	const [teachers, invites] = await Promise.all([
		db
			.selectFrom('user')
			.select(['id', 'name', 'email', 'role'])
			.where('school_id', '=', schoolId)
			.where('role', 'in', ['teacher', 'admin'])
			.orderBy('name')
			.execute(),
		db
			.selectFrom('teacher_invite')
			.select(['id', 'email', 'expires_at'])
			.where('school_id', '=', schoolId)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.orderBy('created_at')
			.execute()
	]);
	return { teachers, invites };
}

/** Removes a teacher (not an admin) of this school; their sessions go with them. */
export async function removeTeacher(db: DB, schoolId: number, userId: number): Promise<boolean> {
	const result = await db
		.deleteFrom('user')
		.where('id', '=', userId)
		.where('school_id', '=', schoolId)
		.where('role', '=', 'teacher')
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** False when this school has no such open invite (another school's, used or gone). */
export async function withdrawInvite(db: DB, schoolId: number, inviteId: number): Promise<boolean> {
	const result = await db
		.deleteFrom('teacher_invite')
		.where('id', '=', inviteId)
		.where('school_id', '=', schoolId)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
