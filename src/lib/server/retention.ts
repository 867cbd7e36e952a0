// Data retention by default: what DenkNa deletes by itself, once a day. The privacy page
// states these terms from here, so the page and the code can't drift apart.
import type { DB } from './db/index.ts';
import { USER_SESSION_MAX_MS } from './auth/session.ts';
import { pruneAttempts } from './auth/rate-limit.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Days after archiving a class before its pupils and their data go: one school year. */
export function archivedClassDays(env = process.env): number {
	const raw = env.DENKNA_ARCHIVE_RETENTION_DAYS;
	const days = raw === undefined || raw === '' ? 365 : Number(raw);
	if (!Number.isInteger(days) || days < 1)
		throw new Error(
			`DENKNA_ARCHIVE_RETENTION_DAYS moet een heel aantal dagen zijn (1 of meer), niet "${raw}".`
		);
	return days;
}

export interface CleanUp {
	classes: number;
	pupils: number;
	sessions: number;
	koppelcodes: number;
	loginAttempts: number;
}

export async function cleanUp(
	db: DB,
	now = Date.now(),
	days = archivedClassDays()
): Promise<CleanUp> {
	return db.transaction().execute(async (trx) => {
		const old = await trx
			.selectFrom('class')
			.select('id')
			.where('archived_at', 'is not', null)
			.where('archived_at', '<=', now - days * DAY)
			.execute();
		const classIds = old.map((c) => c.id);
		let pupils = 0;
		if (classIds.length) {
			for (const id of classIds)
				await trx
					.deleteFrom('login_attempt')
					.where('subject', '>=', `class:${id}:`)
					.where('subject', '<', `class:${id};`)
					.execute();
			// The foreign keys take answers, progress, sessions, koppelcodes and parent links along.
			const deleted = await trx
				.deleteFrom('pupil')
				.where('class_id', 'in', classIds)
				.executeTakeFirst();
			pupils = Number(deleted.numDeletedRows);
			await trx.deleteFrom('class').where('id', 'in', classIds).execute();
		}
		const sessions = await trx
			.deleteFrom('session')
			.where((eb) =>
				eb.or([
					eb('expires_at', '<=', now),
					eb.and([eb('user_id', 'is not', null), eb('created_at', '<=', now - USER_SESSION_MAX_MS)])
				])
			)
			.executeTakeFirst();
		const koppelcodes = await trx
			.deleteFrom('koppelcode')
			.where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
			.executeTakeFirst();
		return {
			classes: classIds.length,
			pupils,
			sessions: Number(sessions.numDeletedRows),
			koppelcodes: Number(koppelcodes.numDeletedRows),
			loginAttempts: await pruneAttempts(trx, now)
		};
	});
}

/** Runs the clean-up at start-up and then every day, for as long as the server runs. */
export function scheduleCleanUp(db: DB): void {
	const days = archivedClassDays();
	const run = () =>
		cleanUp(db, Date.now(), days)
			.then((done) => {
				if (done.pupils || done.classes)
					console.log(
						`DenkNa: ${done.pupils} leerlingen van ${done.classes} klassen verwijderd (${days} dagen na archiveren).`
					);
			})
			.catch((error) => console.error('DenkNa: opruimen mislukt', error));
	void run();
	setInterval(run, DAY).unref();
}
