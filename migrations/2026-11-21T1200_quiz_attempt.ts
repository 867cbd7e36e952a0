// Band quizzes taken as a pre-test (voortoets) and post-test (natoets). Their answers go in
// `answer` with lesson_id "<quiz id>:<kind>"; this table holds one row per pupil, quiz and kind.
import { sql, type Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('quiz_attempt')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voortoets', 'natoets')`))
		.addColumn('quiz_version', 'text', (c) => c.notNull())
		.addColumn('started_at', time(db), (c) => c.notNull())
		.addColumn('completed_at', time(db))
		.addColumn('correct_first', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('questions', 'integer', (c) => c.notNull())
		.addUniqueConstraint('quiz_attempt_once', ['pupil_id', 'quiz_id', 'kind'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('quiz_attempt').execute();
}
