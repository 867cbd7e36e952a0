// Frozen in time: imports nothing from the app.
// Band quizzes (voortoets/natoets) and the indexes the class dashboard and school overview need.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('quiz_attempt')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voortoets', 'natoets')`))
		.addColumn('started_at', 'integer', (c) => c.notNull())
		.addColumn('completed_at', 'integer')
		.addColumn('correct_first', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('questions', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('quiz_attempt_pupil')
		.on('quiz_attempt')
		.columns(['pupil_id', 'quiz_id', 'kind'])
		.unique()
		.execute();

	// Dashboards read first tries only: (pupil, attempt) first, and the columns they need, so
	// SQLite answers from the index without touching the table.
	await db.schema
		.createIndex('answer_pupil_first')
		.on('answer')
		.columns(['pupil_id', 'attempt', 'lesson_id', 'step_id', 'correct', 'choice'])
		.execute();
	await db.schema
		.createIndex('lesson_progress_lesson')
		.on('lesson_progress')
		.column('lesson_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('lesson_progress_lesson').execute();
	await db.schema.dropIndex('answer_pupil_first').execute();
	await db.schema.dropTable('quiz_attempt').execute();
}
