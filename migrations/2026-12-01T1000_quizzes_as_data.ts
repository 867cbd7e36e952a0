// Frozen in time: imports nothing from the app.
// Band quizzes become data of their own. Until now their answers sat in `answer` under a
// made-up lesson id "<quiz id>:<kind>", and quiz assignments in `assignment` likewise.
// - quiz_answer: one row per question of a quiz attempt (one try per question, by constraint);
// - quiz_assignment: the voortoets or natoets set for a class;
// - the first-try counters in lesson_progress and quiz_attempt go: first tries are derived
//   from the answer rows, so they can't drift from them (e.g. on a new lesson version).
import { sql, type Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

const QUIZ_ROW = sql`(lesson_id like '%:voortoets' or lesson_id like '%:natoets')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('quiz_answer')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('attempt_id', 'integer', (c) =>
			c.notNull().references('quiz_attempt.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('choice', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addUniqueConstraint('quiz_answer_once', ['attempt_id', 'question_id'])
		.execute();

	// Attempts whose answers exist without an attempt row can't be: startQuiz made the row
	// first. Rows that match no attempt are dropped with the old convention.
	await sql`
		insert into quiz_answer (client_id, attempt_id, question_id, choice, correct, created_at)
		select a.client_id, q.id, a.step_id, a.choice, a.correct, a.created_at
		from answer a
		join quiz_attempt q on q.pupil_id = a.pupil_id and a.lesson_id = q.quiz_id || ':' || q.kind
		where true
		order by a.id
		on conflict do nothing`.execute(db);
	await sql`delete from answer where ${QUIZ_ROW}`.execute(db);

	await db.schema
		.createTable('quiz_assignment')
		.addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voortoets', 'natoets')`))
		.addColumn('assigned_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('assigned_at', time(db), (c) => c.notNull())
		.addColumn('week', 'text')
		.addPrimaryKeyConstraint('quiz_assignment_pk', ['class_id', 'kind'])
		.execute();
	await sql`
		insert into quiz_assignment (class_id, kind, assigned_by, assigned_at, week)
		select class_id,
			case when lesson_id like '%:voortoets' then 'voortoets' else 'natoets' end,
			assigned_by, assigned_at, week
		from assignment where ${QUIZ_ROW}
		on conflict do nothing`.execute(db);
	await sql`delete from assignment where ${QUIZ_ROW}`.execute(db);

	await db.schema.alterTable('lesson_progress').dropColumn('correct_first').execute();
	await db.schema.alterTable('lesson_progress').dropColumn('scored_steps').execute();
	await db.schema.alterTable('quiz_attempt').dropColumn('correct_first').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('quiz_attempt')
		.addColumn('correct_first', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('lesson_progress')
		.addColumn('scored_steps', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('lesson_progress')
		.addColumn('correct_first', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`
		insert into assignment (class_id, lesson_id, assigned_by, assigned_at, week)
		select q.class_id, 'quiz-' || c.band || ':' || q.kind, q.assigned_by, q.assigned_at, q.week
		from quiz_assignment q join class c on c.id = q.class_id`.execute(db);
	await db.schema.dropTable('quiz_assignment').execute();
	await sql`
		insert into answer (client_id, pupil_id, lesson_id, lesson_version, step_id, choice, correct, attempt, created_at)
		select a.client_id, q.pupil_id, q.quiz_id || ':' || q.kind, q.quiz_version, a.question_id, a.choice, a.correct, 1, a.created_at
		from quiz_answer a join quiz_attempt q on q.id = a.attempt_id`.execute(db);
	await db.schema.dropTable('quiz_answer').execute();
}
