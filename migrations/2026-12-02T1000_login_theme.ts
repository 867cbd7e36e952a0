// Frozen in time: imports nothing from the app.
// The pictures a class logs in with: 'speels' (animals and fruit, for primary school) or
// 'neutraal' (objects, for vo). Stored codes and avatars name positions in the set, so a
// class that changes its set keeps every pupil's code. Existing classes keep the pictures
// their pupils know; new vo classes start on 'neutraal' (decided in the app).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('class')
		.addColumn('login_theme', 'text', (c) => c.notNull().defaultTo('speels'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('class').dropColumn('login_theme').execute();
}
