// Group commit: with `synchronous = FULL` every commit waits for an fsync, the slowest thing an
// answer costs. Work arriving within a few milliseconds of each other is run in one
// transaction, so all those pupils share one fsync; each request is answered only after the
// transaction holding its work has committed. One unit of work failing rolls back only its own
// savepoint, never its neighbours'.
import { sql } from 'kysely';
import type { DB } from './index.ts';

export interface GroupCommitOptions {
	/** How long the first arrival waits for company before the batch commits. */
	windowMs: number;
	/** A batch this big commits at once. */
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

export function groupCommit(db: DB, options: GroupCommitOptions): GroupCommit {
	const queue: Job[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let committing = false;
	let batches = 0;

	async function flush() {
		timer = undefined;
		if (committing || queue.length === 0) return;
		committing = true;
		const jobs = queue.splice(0, options.maxBatch);
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		try {
			await db.transaction().execute(async (trx) => {
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
			jobs.forEach((job, i) => {
				const outcome = outcomes[i]!;
				if (outcome.ok) job.resolve(outcome.value);
				else job.reject(outcome.error);
			});
		} catch (error) {
			// The commit itself failed: nothing of this batch is stored, nobody is told otherwise.
			for (const job of jobs) job.reject(error);
		} finally {
			committing = false;
			// What arrived during this commit waited long enough: it goes next, at once.
			if (queue.length > 0) void flush();
		}
	}

	return <T>(work: (trx: DB) => Promise<T>) =>
		new Promise<T>((resolve, reject) => {
			queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
			if (committing) return;
			if (queue.length >= options.maxBatch) {
				clearTimeout(timer);
				void flush();
			} else timer ??= setTimeout(flush, options.windowMs);
		});
}
