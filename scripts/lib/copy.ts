// Moves a school's database from SQLite to PostgreSQL (or to another SQLite file): every table,
// every row, ids kept, in one transaction on the target, which must be empty. Afterwards the
// rows are counted on both sides.
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import {
	isPostgres,
	openConfigured,
	type Database,
	type DB
} from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { fileMigrations } from './migrations.ts';
import { targetEnv, type Target } from './target.ts';

/** Every table, parents before children (foreign keys); a table missing here stops the copy. */
export const COPY_ORDER = [
	'foundation',
	'school',
	'user',
	'class',
	'class_teacher',
	'pupil',
	'session',
	'parent_pupil',
	'koppelcode',
	'assignment',
	'lesson_progress',
	'answer',
	'login_attempt',
	'quiz_attempt',
	'quiz_answer',
	'quiz_assignment',
	'deletion_request',
	'teacher_invite',
	'protocol',
	'protocol_rule'
] as const satisfies readonly (keyof Database)[];
type Table = (typeof COPY_ORDER)[number];

const BATCH = 1000;

export interface CopyReport {
	counts: { table: string; from: number; to: number }[];
	ok: boolean;
}

/** `sqlite:./data/denkna.db` or `postgres://…`, as the command line gives them. */
export function parseLocation(arg: string): Target {
	if (/^postgres(ql)?:\/\//.test(arg)) return { url: arg };
	if (arg.startsWith('sqlite:')) return { file: arg.slice('sqlite:'.length) };
	throw new Error(
		`"${arg}" is geen database: gebruik sqlite:pad/naar/denkna.db of postgres://gebruiker:wachtwoord@server/database.`
	);
}

export async function copyDatabase(
	fromFile: string,
	to: Target,
	log: (line: string) => void = () => {}
): Promise<CopyReport> {
	const source = new SQLite(fromFile, { readonly: true, fileMustExist: true });
	const target = openConfigured(targetEnv(to));
	try {
		const migrations = await fileMigrations();
		const applied = (
			source.prepare('select name from kysely_migration order by name').all() as { name: string }[]
		).map((r) => r.name);
		const missing = Object.keys(migrations).filter((m) => !applied.includes(m));
		if (missing.length)
			throw new Error(
				`De bron ${fromFile} mist migraties (${missing.join(', ')}): start de app er eerst één keer op, of draai npm run migrate.`
			);
		const tables = (
			source
				.prepare(
					"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'"
				)
				.all() as { name: string }[]
		).map((r) => r.name);
		const unknown = tables.filter((t) => !(COPY_ORDER as readonly string[]).includes(t));
		if (unknown.length)
			throw new Error(
				`Onbekende tabel(len) in de bron: ${unknown.join(', ')} (COPY_ORDER in scripts/lib/copy.ts).`
			);

		await migrateToLatest(target, migrations);
		const filled = await firstFilled(target);
		if (filled)
			throw new Error(
				`Het doel is niet leeg (tabel ${filled} heeft rijen): kopieer alleen naar een lege database.`
			);

		await target.transaction().execute(async (trx) => {
			for (const table of COPY_ORDER) {
				let rows = 0;
				const read = source.prepare(
					`select rowid as _rowid, * from "${table}" where rowid > ? order by rowid limit ${BATCH}`
				);
				// protocol.base_id points at another protocol row: set after all rows are in.
				const later: { id: number; base_id: number }[] = [];
				for (let after = 0; ;) {
					const batch = read.all(after) as Record<string, unknown>[];
					if (batch.length === 0) break;
					after = batch.at(-1)!._rowid as number;
					const values = batch.map((withRowid) => {
						const row = { ...withRowid };
						delete row._rowid;
						if (table === 'protocol' && row.base_id !== null)
							later.push({ id: row.id as number, base_id: row.base_id as number });
						return table === 'protocol' ? { ...row, base_id: null } : row;
					});
					await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
						.insertInto(table)
						.values(values)
						.execute();
					rows += batch.length;
				}
				for (const p of later)
					await trx
						.updateTable('protocol')
						.set({ base_id: p.base_id })
						.where('id', '=', p.id)
						.execute();
				if (rows) log(`${table}: ${rows.toLocaleString('nl-NL')} ${rows === 1 ? 'rij' : 'rijen'}`);
			}
			if (isPostgres(trx))
				// Ids came along: new rows continue after the highest.
				for (const table of COPY_ORDER)
					if (await hasId(trx, table))
						await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
							trx
						);
		});

		const counts = [];
		for (const table of COPY_ORDER) {
			const from = (source.prepare(`select count(*) as n from "${table}"`).get() as { n: number })
				.n;
			const to = Number(
				(
					await target
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
			counts.push({ table, from, to });
		}
		return { counts, ok: counts.every((c) => c.from === c.to) };
	} finally {
		source.close();
		await target.destroy();
	}
}

async function firstFilled(db: DB): Promise<Table | null> {
	for (const table of COPY_ORDER) {
		// Migrations may seed rows of their own (none do today); any row means "not empty".
		const row = await db
			.selectFrom(table)
			.select(sql`1`.as('x'))
			.limit(1)
			.executeTakeFirst();
		if (row) return table;
	}
	return null;
}

async function hasId(db: DB, table: Table): Promise<boolean> {
	const { rows } = await sql<{ n: number }>`
		select count(*) as n from information_schema.columns
		where table_schema = current_schema() and table_name = ${table} and column_name = 'id'
			and is_identity = 'YES'`.execute(db);
	return Number(rows[0]?.n) > 0;
}
