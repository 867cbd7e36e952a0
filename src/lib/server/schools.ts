import { insertUser } from './users.ts';
import { lockName, type DB } from './db/index.ts';
import { hashPassword } from './auth/password.ts';

export async function hasSchool(db: DB): Promise<boolean> {
	return !!(await db.selectFrom('school').select('id').limit(1).executeTakeFirst());
}

interface NewSchool {
	foundation: string;
	school: string;
	adminName: string;
	email: string;
	password: string;
	protocolId: string;
}

/** A foundation, its school and the school's admin, all or nothing. */
export async function setupSchool(db: DB, input: NewSchool, now = Date.now()) {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute((trx) => insertSchool(trx, input, passwordHash, now));
}

/**
 * The first-run page: only while there is no school. The check is inside the transaction,
 * so of parallel posts one makes the school and the others get null.
 */
export async function setupFirstSchool(db: DB, input: NewSchool, now = Date.now()) {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		// Several app nodes on PostgreSQL: the parallel posts take turns here.
		await lockName(trx, 'denkna:first-run');
		return (await hasSchool(trx)) ? null : insertSchool(trx, input, passwordHash, now);
	});
}

async function insertSchool(trx: DB, input: NewSchool, passwordHash: string, now: number) {
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
	const adminId = await insertUser(
		trx,
		{
			email: input.email,
			name: input.adminName,
			passwordHash,
			role: 'admin',
			schoolId: school.id
		},
		now
	);
	return { foundationId: foundation.id, schoolId: school.id, adminId };
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
