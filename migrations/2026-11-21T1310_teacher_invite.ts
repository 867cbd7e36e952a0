// Frozen in time: imports nothing from the app.
// Invite links for teachers: only the SHA-256 of the token is stored, like sessions.
import type { Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('teacher_invite')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('school_id', 'integer', (c) =>
			c.notNull().references('school.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addColumn('expires_at', time(db), (c) => c.notNull())
		.addColumn('used_at', time(db))
		.execute();
	await db.schema
		.createIndex('teacher_invite_school')
		.on('teacher_invite')
		.column('school_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('teacher_invite').execute();
}
