// Frozen in time: imports nothing from the app.
// An answer's attempt number becomes unique per pupil, lesson and step, so recordAnswer can
// number it in the insert itself (max + 1) instead of counting first. Rows written before could
// only share a number if two saves raced; such groups are renumbered in the order they were
// stored (by id), which is the order the pupil tried. The unique index also serves every query
// the old (pupil_id, lesson_id, step_id) index served, so that one goes.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		update answer set attempt = (
			select count(*) from answer b
			where b.pupil_id = answer.pupil_id and b.lesson_id = answer.lesson_id
				and b.step_id = answer.step_id and b.id <= answer.id)
		where (pupil_id, lesson_id, step_id) in (
			select pupil_id, lesson_id, step_id from answer
			group by pupil_id, lesson_id, step_id, attempt having count(*) > 1)`.execute(db);
	await db.schema
		.createIndex('answer_attempt_once')
		.unique()
		.on('answer')
		.columns(['pupil_id', 'lesson_id', 'step_id', 'attempt'])
		.execute();
	await db.schema.dropIndex('answer_pupil_lesson').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('answer_pupil_lesson')
		.on('answer')
		.columns(['pupil_id', 'lesson_id', 'step_id'])
		.execute();
	await db.schema.dropIndex('answer_attempt_once').execute();
}
