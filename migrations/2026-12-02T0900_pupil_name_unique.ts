// Frozen in time: imports nothing from the app.
// A pupil's name is unique in their class: the class link lists names, and a pupil taps theirs.
// The app always made names unique (Emma V., Emma V. (2)); with several app nodes on PostgreSQL
// an index has to say so. Should an old database hold a duplicate, the later pupil gets the
// number of their id appended before the index is made.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		update pupil set display_name = display_name || ' (' || cast(id as text) || ')'
		where exists (
			select 1 from pupil p
			where p.class_id = pupil.class_id and p.display_name = pupil.display_name and p.id < pupil.id)`.execute(
		db
	);
	await db.schema
		.createIndex('pupil_name_once')
		.unique()
		.on('pupil')
		.columns(['class_id', 'display_name'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('pupil_name_once').execute();
}
