import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { groupCommit } from '../../src/lib/server/db/group-commit.ts';
import { fileMigrations } from '../../scripts/lib/migrations.ts';
import { recordAnswer, startLesson } from '../../src/lib/server/progress.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';
import { freshDatabase, onPostgres, realLibrary } from '../helpers/db.ts';
import { seedSchool } from '../helpers/fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
});

async function school() {
	const { db, dir } = await freshDatabase();
	cleanups.push(async () => {
		await db.destroy();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const fixture = await seedSchool(db);
	const pupil = fixture.classA.pupils[0]!;
	const lesson = realLibrary().lessons.find((l) => l.band === 'groep-5-6')!;
	const index = lesson.steps.findIndex(isScored);
	const step = lesson.steps[index]!;
	if (!isScored(step)) throw new Error('no scored step');
	return { db, pupil, lesson, index, step };
}

describe('recordAnswer', () => {
	it('numbers tries 1, 2, 3 in the insert and stores a resent answer once', async () => {
		const { db, pupil, lesson, index, step } = await school();
		await startLesson(db, pupil.id, lesson);
		await db
			.updateTable('lesson_progress')
			.set({ step_index: index })
			.where('pupil_id', '=', pupil.id)
			.execute();
		const ids = [randomUUID(), randomUUID(), randomUUID()];
		const choices = [wrongChoices(step)[0]!, wrongChoices(step)[0]!, rightChoice(step)];
		for (let i = 0; i < 3; i++) {
			const input = {
				pupilId: pupil.id,
				lesson,
				stepId: step.id,
				clientId: ids[i]!,
				choice: choices[i]!
			};
			expect(await recordAnswer(db, input)).toMatchObject({ ok: true, duplicate: false });
		}
		const again = {
			pupilId: pupil.id,
			lesson,
			stepId: step.id,
			clientId: ids[0]!,
			choice: rightChoice(step)
		};
		expect(await recordAnswer(db, again)).toMatchObject({
			ok: true,
			duplicate: true,
			correct: false
		});
		const rows = await db
			.selectFrom('answer')
			.select(['attempt', 'correct'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ attempt: 1, correct: 0 },
			{ attempt: 2, correct: 0 },
			{ attempt: 3, correct: 1 }
		]);
	});

	it('stores nothing for a step the pupil has not reached', async () => {
		const { db, pupil, lesson, step } = await school();
		const input = {
			pupilId: pupil.id,
			lesson,
			stepId: step.id,
			clientId: randomUUID(),
			choice: rightChoice(step)
		};
		// No progress row at all: the lesson was never started.
		expect(await recordAnswer(db, input)).toEqual({
			ok: false,
			message: 'Deze vraag is nog niet aan de beurt.'
		});
		expect(await db.selectFrom('answer').selectAll().execute()).toEqual([]);
	});
});

describe('the attempt migration', () => {
	it('renumbers tries that share a number, in the order they were stored, then makes them unique', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-mig-'));
		const db = openDatabase(path.join(dir, 'm.db'));
		cleanups.push(async () => {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		});
		const all = await fileMigrations();
		const before = Object.fromEntries(Object.entries(all).filter(([n]) => n < '2026-12-01T1100'));
		await migrateToLatest(db, before);
		// One pupil, written with the columns of that time: today's repositories write columns
		// that later migrations add.
		const { id: foundationId } = await db
			.insertInto('foundation')
			.values({ name: 'F', created_at: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: schoolId } = await db
			.insertInto('school')
			.values({ foundation_id: foundationId, name: 'S', protocol_id: 'generiek', created_at: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: classId } = await db
			.insertInto('class')
			.values({
				school_id: schoolId,
				name: 'Groep 5a',
				school_year: '2026-2027',
				band: 'groep-5-6',
				login_token: 'a'.repeat(32),
				archived_at: null,
				created_at: 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: pupilId } = await db
			.insertInto('pupil')
			.values({
				class_id: classId,
				display_name: 'Sam B.',
				avatar: 'vos',
				picture_code: 'appel,zon,bal',
				locked_at: null,
				created_at: 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const row = (attempt: number, stepId: string, correct: number) => ({
			client_id: randomUUID(),
			pupil_id: pupilId,
			lesson_id: 'les',
			lesson_version: 'v',
			step_id: stepId,
			choice: '{}',
			correct,
			attempt,
			created_at: 1
		});
		// Step "a": two rows raced to attempt 1; step "b" is clean and must stay as it is.
		await db
			.insertInto('answer')
			.values([row(1, 'a', 1), row(1, 'a', 0), row(2, 'a', 1), row(1, 'b', 0), row(2, 'b', 1)])
			.execute();
		await migrateToLatest(db, all);
		const rows = await db
			.selectFrom('answer')
			.select(['step_id', 'attempt', 'correct'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ step_id: 'a', attempt: 1, correct: 1 },
			{ step_id: 'a', attempt: 2, correct: 0 },
			{ step_id: 'a', attempt: 3, correct: 1 },
			{ step_id: 'b', attempt: 1, correct: 0 },
			{ step_id: 'b', attempt: 2, correct: 1 }
		]);
		await expect(
			db
				.insertInto('answer')
				.values(row(2, 'b', 0))
				.execute()
		).rejects.toThrow(/UNIQUE/);
	});
});

describe('group commit', () => {
	async function counter() {
		const { db, dir } = await freshDatabase();
		cleanups.push(async () => {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		});
		await sql`create table n (v integer not null)`.execute(db);
		return db;
	}
	const values = async (db: DB) =>
		(await sql<{ v: number }>`select v from n order by v`.execute(db)).rows.map((r) => r.v);

	it('commits work arriving together in one transaction, and answers only after it', async () => {
		const db = await counter();
		const beforeCommit = vi.fn();
		const commit = groupCommit(db, { maxBatch: 64, beforeCommit });
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				commit(async (trx) => {
					await sql`insert into n (v) values (${i})`.execute(trx);
					return i;
				})
			)
		);
		expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(beforeCommit).toHaveBeenCalledTimes(1);
		expect(await values(db)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it('rolls back only the work that failed', async () => {
		const db = await counter();
		const commit = groupCommit(db, { maxBatch: 64 });
		const outcomes = await Promise.allSettled([
			commit((trx) => sql`insert into n (v) values (1)`.execute(trx)),
			commit(async (trx) => {
				await sql`insert into n (v) values (2)`.execute(trx);
				throw new Error('half-way');
			}),
			commit((trx) => sql`insert into n (v) values (3)`.execute(trx))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await values(db)).toEqual([1, 3]);
	});

	it('lets work arriving during a batch wait for it, then commits it together', async () => {
		const db = await counter();
		const beforeCommit = vi.fn();
		const commit = groupCommit(db, { maxBatch: 64, beforeCommit });
		const later: Promise<unknown>[] = [];
		await commit(async (trx) => {
			// Arriving while the first batch is being written: the next batch, all five.
			for (let i = 1; i <= 5; i++)
				later.push(commit((t) => sql`insert into n (v) values (${i})`.execute(t)));
			await sql`insert into n (v) values (0)`.execute(trx);
		});
		expect(beforeCommit).toHaveBeenCalledTimes(1);
		await Promise.all(later);
		expect(beforeCommit).toHaveBeenCalledTimes(2);
		expect(await values(db)).toEqual([0, 1, 2, 3, 4, 5]);
	});

	// SQLite's WAL file and pragma; PostgreSQL flushes its own WAL at COMMIT.
	it.skipIf(onPostgres)(
		'acknowledges a batch only after its WAL is synced, and keeps the connection on FULL',
		async () => {
			const { db, file, dir } = await freshDatabase();
			cleanups.push(async () => {
				await db.destroy();
				fs.rmSync(dir, { recursive: true, force: true });
			});
			await sql`create table n (v integer not null)`.execute(db);
			// The fsync of the WAL waits until the test lets it go.
			let release!: () => void;
			const synced = new Promise<void>((r) => (release = r));
			const syncedFiles: string[] = [];
			const open = fsp.open.bind(fsp);
			const spy = vi.spyOn(fsp, 'open').mockImplementation(async (...args) => {
				const handle = await open(...args);
				const sync = handle.sync.bind(handle);
				handle.sync = async () => {
					await synced;
					syncedFiles.push(String(args[0]));
					return sync();
				};
				return handle;
			});
			cleanups.push(async () => spy.mockRestore());
			const commit = groupCommit(db, { maxBatch: 64 });
			let acknowledged = false;
			const done = commit((trx) => sql`insert into n (v) values (7)`.execute(trx)).then(() => {
				acknowledged = true;
			});
			// Committed (another connection sees it) but not yet synced: not acknowledged.
			const other = openDatabase(file);
			cleanups.push(async () => other.destroy());
			await vi.waitFor(async () => expect(await values(other)).toEqual([7]));
			await new Promise((r) => setTimeout(r, 20));
			expect(acknowledged).toBe(false);
			// Meanwhile the connection is free for other queries, still with its own setting.
			const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
			expect(level.rows[0]!.synchronous).toBe(2);
			release();
			await done;
			expect(syncedFiles).toEqual([`${file}-wal`]);
		}
	);

	it('tells every request of a batch whose commit failed that it failed', async () => {
		const db = await counter();
		const commit = groupCommit(db, {
			maxBatch: 64,
			beforeCommit: () => {
				throw new Error('disk full');
			}
		});
		const outcomes = await Promise.allSettled([
			commit((trx) => sql`insert into n (v) values (1)`.execute(trx)),
			commit((trx) => sql`insert into n (v) values (2)`.execute(trx))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
		expect(await values(db)).toEqual([]);
	});
});
