// Frozen in time: imports nothing from the app.
import { sql, type Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('foundation')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('school')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('foundation_id', 'integer', (c) =>
			c.notNull().references('foundation.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('protocol_id', 'text', (c) => c.notNull().defaultTo('generiek'))
		.addColumn('contact_point', 'text')
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('user')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('teacher', 'admin', 'parent')`)
		)
		.addColumn('school_id', 'integer', (c) => c.references('school.id').onDelete('cascade'))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addCheckConstraint('staff_has_school', sql`role = 'parent' or school_id is not null`)
		.execute();

	await db.schema
		.createTable('class')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('school_id', 'integer', (c) =>
			c.notNull().references('school.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('school_year', 'text', (c) => c.notNull())
		.addColumn('band', 'text', (c) => c.notNull())
		.addColumn('login_token', 'text', (c) => c.notNull().unique())
		.addColumn('read_aloud', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('archived_at', time(db))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('class_school').on('class').column('school_id').execute();

	await db.schema
		.createTable('class_teacher')
		.addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('class_teacher_pk', ['class_id', 'user_id'])
		.execute();
	await db.schema.createIndex('class_teacher_user').on('class_teacher').column('user_id').execute();

	await db.schema
		.createTable('pupil')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('avatar', 'text', (c) => c.notNull())
		.addColumn('picture_code', 'text', (c) => c.notNull())
		.addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_at', time(db))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('pupil_class').on('pupil').column('class_id').execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('cascade'))
		.addColumn('pupil_id', 'integer', (c) => c.references('pupil.id').onDelete('cascade'))
		.addColumn('expires_at', time(db), (c) => c.notNull())
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addCheckConstraint('session_one_subject', sql`(user_id is null) <> (pupil_id is null)`)
		.execute();
	await db.schema.createIndex('session_user').on('session').column('user_id').execute();
	await db.schema.createIndex('session_pupil').on('session').column('pupil_id').execute();

	await db.schema
		.createTable('parent_pupil')
		.addColumn('parent_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('parent_pupil_pk', ['parent_id', 'pupil_id'])
		.execute();
	await db.schema.createIndex('parent_pupil_pupil').on('parent_pupil').column('pupil_id').execute();

	await db.schema
		.createTable('koppelcode')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addColumn('expires_at', time(db), (c) => c.notNull())
		.addColumn('used_at', time(db))
		.addColumn('used_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('koppelcode_pupil').on('koppelcode').column('pupil_id').execute();

	await db.schema
		.createTable('assignment')
		.addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('assigned_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('assigned_at', time(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('assignment_pk', ['class_id', 'lesson_id'])
		.execute();

	await db.schema
		.createTable('answer')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('lesson_version', 'text', (c) => c.notNull())
		.addColumn('step_id', 'text', (c) => c.notNull())
		.addColumn('choice', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		.addColumn('attempt', 'integer', (c) => c.notNull())
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('answer_pupil_lesson')
		.on('answer')
		.columns(['pupil_id', 'lesson_id', 'step_id'])
		.execute();

	await db.schema
		.createTable('lesson_progress')
		.addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupil.id').onDelete('cascade'))
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('lesson_version', 'text', (c) => c.notNull())
		.addColumn('step_index', 'integer', (c) => c.notNull())
		.addColumn('started_at', time(db), (c) => c.notNull())
		.addColumn('completed_at', time(db))
		.addColumn('correct_first', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('scored_steps', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', time(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('lesson_progress_pk', ['pupil_id', 'lesson_id'])
		.execute();

	await db.schema
		.createTable('login_attempt')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('success', 'integer', (c) => c.notNull())
		.addColumn('created_at', time(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_attempt_address')
		.on('login_attempt')
		.columns(['address', 'created_at'])
		.execute();
	await db.schema
		.createIndex('login_attempt_subject')
		.on('login_attempt')
		.columns(['subject', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'login_attempt',
		'lesson_progress',
		'answer',
		'assignment',
		'koppelcode',
		'parent_pupil',
		'session',
		'pupil',
		'class_teacher',
		'class',
		'user',
		'school',
		'foundation'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
