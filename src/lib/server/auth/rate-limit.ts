// Failed logins are counted in the database, not in memory, so a restart does not reset them
// and several server processes share the count.
import type { DB } from '../db/index.ts';

export const WINDOW_MS = 15 * 60 * 1000;
/** A whole class logs in from one school address (NAT), so this is generous per address. */
export const ADDRESS_FAILURES = 60;
/** Wrong passwords per email address before it has to wait. */
export const EMAIL_FAILURES = 8;
/** Wrong picture codes in a row before a pupil is locked until the teacher unlocks them. */
export const PUPIL_FAILURES = 5;

export async function recordAttempt(
	db: DB,
	subject: string,
	address: string,
	success: boolean,
	now = Date.now()
): Promise<void> {
	await db
		.insertInto('login_attempt')
		.values({ subject, address, success: success ? 1 : 0, created_at: now })
		.execute();
	// Keep the table small: old attempts no longer count for anything.
	if (Math.random() < 0.02)
		await db
			.deleteFrom('login_attempt')
			.where('created_at', '<', now - 24 * WINDOW_MS)
			.execute();
}

async function failuresSince(db: DB, column: 'subject' | 'address', value: string, since: number) {
	const row = await db
		.selectFrom('login_attempt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(column, '=', value)
		.where('success', '=', 0)
		.where('created_at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function addressBlocked(db: DB, address: string, now = Date.now()) {
	return (await failuresSince(db, 'address', address, now - WINDOW_MS)) >= ADDRESS_FAILURES;
}

export async function emailBlocked(db: DB, email: string, now = Date.now()) {
	return (await failuresSince(db, 'subject', `email:${email}`, now - WINDOW_MS)) >= EMAIL_FAILURES;
}
