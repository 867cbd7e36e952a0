import type { DB } from '../db/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { invalidatePupilSessions } from './session.ts';
import { sectorOf } from '../../lessons/fields.ts';
import { pupilWords } from '../../pupil-words.ts';
import {
	CLASS_FAILURES,
	PUPIL_FAILURES,
	PUPIL_LOCK_MS,
	WINDOW_MS,
	dutchWait,
	failures,
	markSuccess,
	passwordWait,
	recordAttempt,
	reserveAttempt,
	subjects
} from './rate-limit.ts';

export type LoginResult<T> = { ok: true; id: T } | { ok: false; message: string; locked?: boolean };

// Verifying against a dummy hash keeps the time the same for unknown addresses.
let dummyHash: Promise<string> | undefined;

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function loginWithPassword(
	db: DB,
	emailInput: string,
	password: string,
	address: string,
	now = Date.now()
): Promise<LoginResult<number>> {
	const email = normalizeEmail(emailInput);
	const attempt = await reserveAttempt(
		db,
		subjects.email(email),
		address,
		(trx) => passwordWait(trx, email, address, now),
		now
	);
	if (!attempt.ok)
		return {
			ok: false,
			message: `Te veel mislukte pogingen. Probeer het ${dutchWait(attempt.waitMs)} opnieuw.`
		};
	const user = await db
		.selectFrom('user')
		.select(['id', 'password_hash'])
		.where('email', '=', email)
		.executeTakeFirst();
	const valid = await verifyPassword(
		user?.password_hash ?? (await (dummyHash ??= hashPassword('denkna-dummy-password'))),
		password
	);
	if (!user || !valid)
		return { ok: false, message: 'Dit e-mailadres en wachtwoord horen niet bij elkaar.' };
	await markSuccess(db, attempt.id);
	return { ok: true, id: user.id };
}

/** A lock from wrong picture codes lasts PUPIL_LOCK_MS, or until the teacher unlocks. */
export function pupilLocked(lockedAt: number | null, now = Date.now()): boolean {
	return lockedAt !== null && now - lockedAt < PUPIL_LOCK_MS;
}

/**
 * Checks a pupil's picture code. Five wrong codes in a row lock the pupil for five minutes
 * (the teacher can unlock at once) and end their open sessions; the class has its own budget,
 * apart from staff logins, so a child can't lock the school.
 */
export async function loginWithPictureCode(
	db: DB,
	classId: number,
	pupilId: number,
	code: string[],
	address: string,
	now = Date.now()
): Promise<LoginResult<number>> {
	const result = await db.transaction().execute(async (trx) => {
		const pupil = await trx
			.selectFrom('pupil')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select(['pupil.id', 'picture_code', 'failed_attempts', 'locked_at', 'class.band'])
			.where('pupil.id', '=', pupilId)
			.where('pupil.class_id', '=', classId)
			.executeTakeFirst();
		if (!pupil) return { ok: false as const, message: 'Deze leerling zit niet in deze klas.' };
		const { teacher } = pupilWords(sectorOf(pupil.band));
		const waitOrAsk = `Wacht vijf minuten of vraag ${teacher} om je weer open te zetten.`;
		if (pupilLocked(pupil.locked_at, now))
			return { ok: false as const, locked: true, message: `Je staat even op slot. ${waitOrAsk}` };
		const failedBefore = pupil.locked_at !== null ? 0 : pupil.failed_attempts;
		if (failedBefore > 0) {
			const inClass = await failures(
				trx,
				{ prefix: subjects.classPrefix(classId) },
				now - WINDOW_MS
			);
			if (inClass.n >= CLASS_FAILURES)
				return {
					ok: false as const,
					message: `Er zijn in deze klas te vaak verkeerde codes gekozen. Vraag ${teacher} om je open te zetten.`
				};
		}
		const right = code.join(',') === pupil.picture_code;
		await recordAttempt(trx, subjects.pupil(classId, pupilId), address, right, now);
		if (right) {
			if (pupil.failed_attempts > 0 || pupil.locked_at !== null)
				await trx
					.updateTable('pupil')
					.set({ failed_attempts: 0, locked_at: null })
					.where('id', '=', pupilId)
					.execute();
			return { ok: true as const, id: pupilId };
		}
		const failed = failedBefore + 1;
		const locked = failed >= PUPIL_FAILURES;
		await trx
			.updateTable('pupil')
			.set({ failed_attempts: failed, locked_at: locked ? now : null })
			.where('id', '=', pupilId)
			.execute();
		if (locked) await invalidatePupilSessions(trx, pupilId);
		return locked
			? {
					ok: false as const,
					locked: true,
					message: `Dat was te vaak niet goed. ${waitOrAsk}`
				}
			: { ok: false as const, message: 'Dat was niet jouw code. Probeer het nog een keer.' };
	});
	return result;
}
