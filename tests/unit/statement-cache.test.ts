import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { withStatementCache } from '../../src/lib/server/db/statement-cache.ts';

interface T {
	t: { id: number; name: string };
}

function setup(size?: number) {
	const sqlite = new SQLite(':memory:');
	sqlite.exec('create table t (id integer primary key, name text not null)');
	const prepare = vi.spyOn(sqlite, 'prepare');
	const cache = withStatementCache(sqlite, size);
	const db = new Kysely<T>({ dialect: new SqliteDialect({ database: cache }) });
	const prepared = (fragment: string) =>
		prepare.mock.calls.filter(([sql]) => sql.includes(fragment)).length;
	return { db, cache, prepared };
}

describe('the prepared-statement cache', () => {
	it('prepares a repeated query once, whatever its values', async () => {
		const { db, prepared } = setup();
		for (let i = 1; i <= 5; i++)
			await db
				.insertInto('t')
				.values({ id: i, name: `n${i}` })
				.execute();
		for (let i = 1; i <= 5; i++) {
			const row = await db.selectFrom('t').select('name').where('id', '=', i).executeTakeFirst();
			expect(row?.name).toBe(`n${i}`);
		}
		expect(prepared('insert into "t"')).toBe(1);
		expect(prepared('select "name" from "t"')).toBe(1);
		await db.destroy();
	});

	it('keeps at most its size, dropping the least recently used', async () => {
		const { db, cache, prepared } = setup(2);
		const byId = () => db.selectFrom('t').selectAll().where('id', '=', 1).execute();
		const byName = () => db.selectFrom('t').selectAll().where('name', '=', 'x').execute();
		const count = () =>
			db
				.selectFrom('t')
				.select((eb) => eb.fn.countAll().as('n'))
				.execute();
		await byId();
		await byName();
		await byId(); // now the most recently used
		await count(); // evicts byName
		expect(cache.cached).toBe(2);
		await byId();
		expect(prepared('"id" = ?')).toBe(1);
		await byName();
		expect(prepared('"name" = ?')).toBe(2);
		await db.destroy();
	});
});
