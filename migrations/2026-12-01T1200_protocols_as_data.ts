// Frozen in time: imports nothing from the app.
// A school's or foundation's own protocol, edited in the app. The YAML protocols in
// lessons/protocols/ stay read-only templates.
// - protocol: one per school (school_id) or per foundation (foundation_id), never both. A
//   school protocol may adopt a foundation protocol (base_id) and extend or override it.
//   live_at is null while it is a draft: until then the school keeps its file protocol.
// - protocol_rule: one row per version of a rule, never rewritten. The current wording of a
//   rule is its highest version; what a pupil saw is the version current at the answer's time.
import { sql, type Kysely } from 'kysely';
import { generatedId, time } from './lib/portable.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('protocol')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('school_id', 'integer', (c) =>
			c.unique().references('school.id').onDelete('cascade')
		)
		.addColumn('foundation_id', 'integer', (c) =>
			c.unique().references('foundation.id').onDelete('cascade')
		)
		.addColumn('base_id', 'integer', (c) => c.references('protocol.id').onDelete('set null'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('document', 'text', (c) => c.notNull())
		.addColumn('live_at', time(db))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addColumn('updated_at', time(db), (c) => c.notNull())
		.addCheckConstraint('protocol_one_owner', sql`(school_id is null) <> (foundation_id is null)`)
		.execute();

	await db.schema
		.createTable('protocol_rule')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('protocol_id', 'integer', (c) =>
			c.notNull().references('protocol.id').onDelete('cascade')
		)
		.addColumn('rule_id', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('bands', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('text_by_band', 'text')
		.addColumn('not_applicable', 'text')
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', time(db), (c) => c.notNull())
		.addUniqueConstraint('protocol_rule_version', ['protocol_id', 'rule_id', 'version'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('protocol_rule').execute();
	await db.schema.dropTable('protocol').execute();
}
