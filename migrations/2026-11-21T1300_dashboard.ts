// Frozen in time: imports nothing from the app.
// The indexes the class dashboard and school overview need (quiz_attempt comes from T1200).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
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
}
