// Frozen in time: imports nothing from the app.
// An assignment may be for a given week ("2026-W48"); band quizzes are assigned as
// lesson_id "<quiz id>:voortoets" or "<quiz id>:natoets".
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('assignment').addColumn('week', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('assignment').dropColumn('week').execute();
}
