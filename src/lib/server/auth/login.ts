import type { DB } from '../db/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import {
	ADDRESS_FAILURES,
	PUPIL_FAILURES,
	addressBlocked,
	emailBlocked,
	recordAttempt
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
	if ((await addressBlocked(db, address, now)) || (await emailBlocked(db, email, now)))
		return {
			ok: false,
			message: 'Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.'
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
	await recordAttempt(db, `email:${email}`, address, valid && !!user, now);
	if (!user || !valid)
		return { ok: false, message: 'Dit e-mailadres en wachtwoord horen niet bij elkaar.' };
	return { ok: true, id: user.id };
}

/** Checks a pupil's picture code. Too many wrong codes lock the pupil until the teacher unlocks. */
export async function loginWithPictureCode(
	db: DB,
	classId: number,
	pupilId: number,
	code: string[],
	address: string,
	now = Date.now()
): Promise<LoginResult<number>> {
	if (await addressBlocked(db, address, now))
		return {
			ok: false,
			message: `Er is op deze computer te vaak een verkeerde code gekozen (${ADDRESS_FAILURES} keer). Wacht een kwartier of vraag je juf of meester.`
		};
	return db.transaction().execute(async (trx) => {
		const pupil = await trx
			.selectFrom('pupil')
			.select(['id', 'picture_code', 'failed_attempts', 'locked_at'])
			.where('id', '=', pupilId)
			.where('class_id', '=', classId)
			.executeTakeFirst();
		if (!pupil) return { ok: false, message: 'Deze leerling zit niet in deze klas.' };
		if (pupil.locked_at !== null)
			return {
				ok: false,
				locked: true,
				message: 'Je staat even op slot. Vraag je juf of meester om je weer open te zetten.'
			};
		const right = code.join(',') === pupil.picture_code;
		await recordAttempt(trx, `pupil:${pupilId}`, address, right, now);
		if (right) {
			if (pupil.failed_attempts > 0)
				await trx
					.updateTable('pupil')
					.set({ failed_attempts: 0 })
					.where('id', '=', pupilId)
					.execute();
			return { ok: true, id: pupilId };
		}
		const failed = pupil.failed_attempts + 1;
		const locked = failed >= PUPIL_FAILURES;
		await trx
			.updateTable('pupil')
			.set({ failed_attempts: failed, locked_at: locked ? now : null })
			.where('id', '=', pupilId)
			.execute();
		return locked
			? {
					ok: false,
					locked: true,
					message: 'Dat was te vaak niet goed. Vraag je juf of meester om je weer open te zetten.'
				}
			: { ok: false, message: 'Dat was niet jouw code. Probeer het nog een keer.' };
	});
}
