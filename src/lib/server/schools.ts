import type { DB } from './db/index.ts';
import type { Role } from './db/schema.ts';
import { hashPassword } from './auth/password.ts';
import { normalizeEmail } from './auth/login.ts';

export async function hasSchool(db: DB): Promise<boolean> {
	return !!(await db.selectFrom('school').select('id').limit(1).executeTakeFirst());
}

export async function createUser(
	db: DB,
	input: { email: string; name: string; password: string; role: Role; schoolId: number | null },
	now = Date.now()
): Promise<number> {
	const { id } = await db
		.insertInto('user')
		.values({
			email: normalizeEmail(input.email),
			name: input.name,
			password_hash: await hashPassword(input.password),
			role: input.role,
			school_id: input.schoolId,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** First run: the foundation, the school and its admin, all or nothing. */
export async function setupSchool(
	db: DB,
	input: {
		foundation: string;
		school: string;
		adminName: string;
		email: string;
		password: string;
		protocolId: string;
	},
	now = Date.now()
) {
	const password_hash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const foundation = await trx
			.insertInto('foundation')
			.values({ name: input.foundation, created_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		const school = await trx
			.insertInto('school')
			.values({
				foundation_id: foundation.id,
				name: input.school,
				protocol_id: input.protocolId,
				contact_point: null,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const admin = await trx
			.insertInto('user')
			.values({
				email: normalizeEmail(input.email),
				name: input.adminName,
				password_hash,
				role: 'admin',
				school_id: school.id,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return { foundationId: foundation.id, schoolId: school.id, adminId: admin.id };
	});
}

export async function schoolOf(db: DB, schoolId: number) {
	return db
		.selectFrom('school')
		.select(['id', 'name', 'protocol_id', 'contact_point'])
		.where('id', '=', schoolId)
		.executeTakeFirstOrThrow();
}

export async function setSchoolProtocol(db: DB, schoolId: number, protocolId: string) {
	await db
		.updateTable('school')
		.set({ protocol_id: protocolId })
		.where('id', '=', schoolId)
		.execute();
}

export async function setContactPoint(db: DB, schoolId: number, contact: string | null) {
	await db
		.updateTable('school')
		.set({ contact_point: contact })
		.where('id', '=', schoolId)
		.execute();
}
