// Frozen in time: imports nothing from the app.
import { sql, type Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

// A parent's request to delete their child's data, handled by the school admin. The row
// outlives the pupil (pupil_id becomes null) so the school can show the request was carried out.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('deletion_request')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('school_id', 'integer', (c) =>
			c.notNull().references('school.id').onDelete('cascade')
		)
		.addColumn('pupil_id', 'integer', (c) => c.references('pupil.id').onDelete('set null'))
		.addColumn('class_name', 'text', (c) => c.notNull())
		.addColumn('requested_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('requested_at', time(db), (c) => c.notNull())
		.addColumn('completed_at', time(db))
		.addColumn('completed_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('deletion_request_school')
		.on('deletion_request')
		.columns(['school_id', 'completed_at'])
		.execute();
	// One open request per pupil: a second click must not queue the same deletion twice.
	await db.schema
		.createIndex('deletion_request_open_pupil')
		.on('deletion_request')
		.column('pupil_id')
		.unique()
		.where(sql.ref('completed_at'), 'is', null)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('deletion_request').execute();
}
