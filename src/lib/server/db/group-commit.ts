// Group commit: with `synchronous = FULL` every commit waits for an fsync, the slowest thing an
// answer costs. Work is run in shared transactions so that concurrent pupils share one fsync;
// each request is answered only after the transaction holding its work is on the disk. One unit
// of work failing rolls back only its own savepoint, never its neighbours'.
//
// Leader/follower: work arriving while nothing is being committed goes at once (at the end of
// the current event-loop turn, so what arrived in the same turn joins it): a lone pupil waits
// for no window. Work arriving while a batch is being made durable waits for it and then goes,
// all together, as the next batch; under load the batches grow by themselves.
//
// better-sqlite3 is synchronous: a COMMIT that fsyncs blocks the event loop for the fsync
// (milliseconds, tens of them at the disk's worst), and with it every other request. On a
// WAL database, a batch therefore commits with `synchronous = NORMAL` (the frames are written to
// the WAL, not yet synced) and the WAL file is then fsynced on libuv's thread pool; the batch is
// acknowledged after that fsync returns. That is what `synchronous = FULL` does at COMMIT (sync
// the WAL after writing the commit frame), only off the event loop: everything else SQLite syncs
// (the WAL header after a restart, checkpoints) it still syncs itself under NORMAL. The
// connection's own setting is restored right after the COMMIT, inside the same connection lock,
// so writes outside `durably` keep it. Databases that are not WAL, or run with a weaker setting,
// commit as configured.
import fs from 'node:fs/promises';
import { sql } from 'kysely';
import type { DB } from './index.ts';

export interface GroupCommitOptions {
	/** At most this much work in one transaction; the rest goes in the next batch. */
	maxBatch: number;
	/** Called with the batch number after the work ran and before COMMIT (a test hook). */
	beforeCommit?: (batch: number) => void;
}

interface Job {
	work: (trx: DB) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
}

export type GroupCommit = <T>(work: (trx: DB) => Promise<T>) => Promise<T>;

/** How a batch reaches the disk: SQLite's own COMMIT, or our fsync of the WAL after it. */
type Durability = { kind: 'commit' } | { kind: 'wal'; wal: string; synchronous: number };

/** SQLite's `synchronous` levels: OFF 0, NORMAL 1, FULL 2, EXTRA 3. */
const NORMAL = 1;
const FULL = 2;

async function durabilityOf(db: DB): Promise<Durability> {
	try {
		const [mode] = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows;
		const [level] = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows;
		const files = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db))
			.rows;
		const main = files.find((f) => f.name === 'main')?.file;
		const synchronous = Number(level?.synchronous);
		if (mode?.journal_mode.toLowerCase() === 'wal' && synchronous >= FULL && main)
			return { kind: 'wal', wal: `${main}-wal`, synchronous };
	} catch {
		// Not SQLite (or no pragmas): the database's own COMMIT is what makes work durable.
	}
	return { kind: 'commit' };
}

async function fsyncFile(file: string) {
	const handle = await fs.open(file, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

export function groupCommit(db: DB, options: GroupCommitOptions): GroupCommit {
	const queue: Job[] = [];
	let busy = false;
	let scheduled = false;
	let batches = 0;
	let durability: Promise<Durability> | undefined;

	function schedule() {
		if (busy || scheduled || queue.length === 0) return;
		scheduled = true;
		// After the current turn's I/O callbacks: requests that arrived together commit together.
		setImmediate(flush);
	}

	/** Runs the jobs in one transaction; the outcome of each, once COMMIT returned. */
	async function commit(jobs: Job[], how: Durability) {
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		const run = (conn: DB) =>
			conn.transaction().execute(async (trx) => {
				for (const job of jobs) {
					await sql`savepoint job`.execute(trx);
					try {
						outcomes.push({ ok: true, value: await job.work(trx) });
						await sql`release job`.execute(trx);
					} catch (error) {
						await sql`rollback to job`.execute(trx);
						await sql`release job`.execute(trx);
						outcomes.push({ ok: false, error });
					}
				}
				options.beforeCommit?.(++batches);
			});
		if (how.kind === 'commit') await run(db);
		else
			// One connection lock around the setting, the transaction and the restore: no other
			// query can run in between with the weaker setting.
			await db.connection().execute(async (conn) => {
				await sql`pragma synchronous = ${sql.raw(String(NORMAL))}`.execute(conn);
				try {
					await run(conn);
				} finally {
					await sql`pragma synchronous = ${sql.raw(String(how.synchronous))}`.execute(conn);
				}
			});
		return outcomes;
	}

	async function flush() {
		scheduled = false;
		if (busy || queue.length === 0) return;
		busy = true;
		const jobs = queue.splice(0, options.maxBatch);
		try {
			durability ??= durabilityOf(db);
			const how = await durability;
			const outcomes = await commit(jobs, how);
			// Committed, and with the WAL synced below, on the disk. Work that failed left nothing
			// behind (its savepoint was rolled back): it may fail at once.
			if (how.kind === 'wal' && outcomes.some((o) => o.ok)) await fsyncFile(how.wal);
			jobs.forEach((job, i) => {
				const outcome = outcomes[i]!;
				if (outcome.ok) job.resolve(outcome.value);
				else job.reject(outcome.error);
			});
		} catch (error) {
			// The commit or the fsync failed: nobody of this batch is told their work is stored.
			// (Resending is harmless: answers are stored once, moves apply only from their step.)
			for (const job of jobs) job.reject(error);
		} finally {
			busy = false;
			// What arrived meanwhile waited long enough: it goes next, as one batch.
			schedule();
		}
	}

	return <T>(work: (trx: DB) => Promise<T>) =>
		new Promise<T>((resolve, reject) => {
			queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
			schedule();
		});
}
