// Failed logins are counted in the database, not in memory, so a restart does not reset them
// and several server processes share the count. Each kind of login has its own budget: pupils
// tapping wrong pictures behind the school's one NAT address never slow down a teacher.
import { lockName, type DB } from '../db/index.ts';

const MINUTE = 60 * 1000;
export const WINDOW_MS = 15 * MINUTE;

/** Staff and parents: wrong passwords per e-mail address that cost nothing… */
export const FREE_PASSWORD_FAILURES = 5;
/** …after which each further try waits twice as long as the one before, up to this. */
export const MAX_PASSWORD_DELAY_MS = 15 * MINUTE;
const FIRST_PASSWORD_DELAY_MS = 30 * 1000;
/** Wrong passwords from one address in WINDOW_MS, whichever e-mail addresses were tried. */
export const STAFF_ADDRESS_FAILURES = 30;

/** Wrong picture codes in a row before a pupil waits PUPIL_LOCK_MS (or the teacher unlocks). */
export const PUPIL_FAILURES = 5;
export const PUPIL_LOCK_MS = 5 * MINUTE;
/**
 * Wrong picture codes in one class in WINDOW_MS. A class of 28 six-year-olds starting a
 * lesson stays far below it; past it, only pupils who already tapped a wrong code wait, so
 * someone guessing through the class gets one try per pupil and nobody else notices.
 */
export const CLASS_FAILURES = 100;

/** Wrong koppelcodes per hour, per parent account and per address. */
export const KOPPELCODE_WINDOW_MS = 60 * MINUTE;
export const KOPPELCODE_PARENT_FAILURES = 10;
export const KOPPELCODE_ADDRESS_FAILURES = 20;

export const subjects = {
	email: (email: string) => `email:${email}`,
	pupil: (classId: number, pupilId: number) => `class:${classId}:pupil:${pupilId}`,
	classPrefix: (classId: number) => `class:${classId}:`,
	koppelParent: (parentId: number) => `koppel:parent:${parentId}`,
	koppelNew: 'koppel:new',
	koppelPrefix: 'koppel:',
	emailPrefix: 'email:'
};

export async function recordAttempt(
	db: DB,
	subject: string,
	address: string,
	success: boolean,
	now = Date.now()
): Promise<number> {
	const row = await db
		.insertInto('login_attempt')
		.values({ subject, address, success: success ? 1 : 0, created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Deletes attempts that no longer count for any budget (the daily clean-up calls this). */
export async function pruneAttempts(db: DB, now = Date.now()): Promise<number> {
	const result = await db
		.deleteFrom('login_attempt')
		.where('created_at', '<', now - 24 * 60 * MINUTE)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

interface Count {
	n: number;
	first: number | null;
	last: number | null;
}

/** Failures since `since` for one subject, or for every subject starting with a prefix. */
export async function failures(
	db: DB,
	filter: { subject?: string; prefix?: string; address?: string },
	since: number
): Promise<Count> {
	let query = db
		.selectFrom('login_attempt')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.min<number | null>('created_at').as('first'),
			eb.fn.max<number | null>('created_at').as('last')
		])
		.where('success', '=', 0)
		.where('created_at', '>=', since);
	if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject);
	if (filter.prefix !== undefined)
		// A range instead of LIKE, so the (subject, created_at) index is used.
		query = query
			.where('subject', '>=', filter.prefix)
			.where('subject', '<', filter.prefix.slice(0, -1) + nextChar(filter.prefix.at(-1)!));
	if (filter.address !== undefined) query = query.where('address', '=', filter.address);
	const row = await query.executeTakeFirstOrThrow();
	return { n: Number(row.n), first: row.first, last: row.last };
}

const nextChar = (c: string) => String.fromCharCode(c.charCodeAt(0) + 1);

/** The wait after `n` wrong passwords: none for the first few, then doubling. */
export function passwordDelay(n: number): number {
	if (n < FREE_PASSWORD_FAILURES) return 0;
	return Math.min(
		MAX_PASSWORD_DELAY_MS,
		FIRST_PASSWORD_DELAY_MS * 2 ** (n - FREE_PASSWORD_FAILURES)
	);
}

/** How long this e-mail address and this address must still wait before a password try. */
export async function passwordWait(db: DB, email: string, address: string, now = Date.now()) {
	const subject = subjects.email(email);
	const lastSuccess = await db
		.selectFrom('login_attempt')
		.select((eb) => eb.fn.max<number | null>('created_at').as('at'))
		.where('subject', '=', subject)
		.where('success', '=', 1)
		.executeTakeFirstOrThrow();
	const since = Math.max(lastSuccess.at ?? 0, now - 24 * 60 * MINUTE);
	const own = await failures(db, { subject }, since);
	const ownWait = own.last === null ? 0 : own.last + passwordDelay(own.n) - now;
	const fromHere = await failures(db, { prefix: subjects.emailPrefix, address }, now - WINDOW_MS);
	const hereWait =
		fromHere.n >= STAFF_ADDRESS_FAILURES && fromHere.first !== null
			? fromHere.first + WINDOW_MS - now
			: 0;
	return Math.max(0, ownWait, hereWait);
}

/**
 * Checks a budget and records the attempt as failed in one transaction, before the expensive
 * check (argon2, a code lookup). Parallel requests therefore see each other's attempts: 24 at
 * once can't all slip under a limit of 5. On PostgreSQL, where several app nodes count at the
 * same moment, the transaction first locks the subject and the address (always in that order).
 * `markSuccess` turns the attempt into a success.
 */
export async function reserveAttempt(
	db: DB,
	subject: string,
	address: string,
	wait: (trx: DB) => Promise<number>,
	now = Date.now()
): Promise<{ ok: true; id: number } | { ok: false; waitMs: number }> {
	return db.transaction().execute(async (trx) => {
		await lockName(trx, `login-subject:${subject}`);
		await lockName(trx, `login-address:${address}`);
		const waitMs = await wait(trx);
		if (waitMs > 0) return { ok: false as const, waitMs };
		return { ok: true as const, id: await recordAttempt(trx, subject, address, false, now) };
	});
}

export async function markSuccess(db: DB, attemptId: number): Promise<void> {
	await db.updateTable('login_attempt').set({ success: 1 }).where('id', '=', attemptId).execute();
}

/** "over 30 seconden", "over 4 minuten": how long someone has to wait, in Dutch. */
export function dutchWait(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 60) return `over ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'}`;
	const minutes = Math.ceil(seconds / 60);
	return `over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
}
