// Staff and parent accounts: the one place that writes a user row.
import type { DB } from './db/index.ts';
import type { Role } from './db/schema.ts';
import { hashPassword } from './auth/password.ts';
import { normalizeEmail } from './auth/login.ts';

export interface NewUser {
	email: string;
	name: string;
	role: Role;
	schoolId: number | null;
}

/** Inserts a user whose password is already hashed (hash before a transaction: it is slow). */
export async function insertUser(
	db: DB,
	input: NewUser & { passwordHash: string },
	now = Date.now()
): Promise<number> {
	const { id } = await db
		.insertInto('user')
		.values({
			email: normalizeEmail(input.email),
			name: input.name,
			password_hash: input.passwordHash,
			role: input.role,
			school_id: input.schoolId,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function createUser(
	db: DB,
	input: NewUser & { password: string },
	now = Date.now()
): Promise<number> {
	return insertUser(db, { ...input, passwordHash: await hashPassword(input.password) }, now);
}

/** Whether an account uses this e-mail address (of any role). */
export async function emailTaken(db: DB, email: string): Promise<boolean> {
	const row = await db
		.selectFrom('user')
		.select('id')
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
	return row !== undefined;
}

export async function userRole(db: DB, id: number): Promise<Role | undefined> {
	const row = await db.selectFrom('user').select('role').where('id', '=', id).executeTakeFirst();
	return row?.role;
}
