import { randomInt } from 'node:crypto';
import { emailTaken, insertUser } from './users.ts';
import type { DB } from './db/index.ts';
import { hashPassword } from './auth/password.ts';
import { normalizeEmail } from './auth/login.ts';
import {
	KOPPELCODE_ADDRESS_FAILURES,
	KOPPELCODE_PARENT_FAILURES,
	KOPPELCODE_WINDOW_MS,
	failures,
	markSuccess,
	reserveAttempt,
	subjects
} from './auth/rate-limit.ts';

/** Letters and digits that can't be mistaken for each other on paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const KOPPELCODE_DAYS = 30;

export function formatKoppelcode(raw: string): string {
	const clean = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return clean.length === 8 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

function newCode(): string {
	let code = '';
	for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return formatKoppelcode(code);
}

function expiryFrom(now: number) {
	return now + KOPPELCODE_DAYS * 24 * 60 * 60 * 1000;
}

async function insertKoppelcode(db: DB, pupilId: number, createdBy: number, now: number) {
	const code = newCode();
	const expires_at = expiryFrom(now);
	await db
		.insertInto('koppelcode')
		.values({
			code,
			pupil_id: pupilId,
			created_by: createdBy,
			created_at: now,
			expires_at,
			used_at: null,
			used_by: null
		})
		.execute();
	return { code, expiresAt: expires_at };
}

/** A new one-time code for a pupil; earlier unused codes for the same pupil stop working. */
export async function createKoppelcode(
	db: DB,
	pupilId: number,
	createdBy: number,
	now = Date.now()
) {
	return db.transaction().execute(async (trx) => {
		await trx
			.updateTable('koppelcode')
			.set({ expires_at: now })
			.where('pupil_id', '=', pupilId)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.execute();
		return insertKoppelcode(trx, pupilId, createdBy, now);
	});
}

/**
 * A code for every pupil of the class who has no code that still works, all or nothing, so the
 * teacher can print a letter for the whole class. Pupils with a working code keep it.
 */
export async function createMissingKoppelcodes(
	db: DB,
	classId: number,
	createdBy: number,
	now = Date.now()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const pupils = await trx
			.selectFrom('pupil')
			.select('id')
			.where('class_id', '=', classId)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('koppelcode')
							.select('koppelcode.id')
							.whereRef('koppelcode.pupil_id', '=', 'pupil.id')
							.where('koppelcode.used_at', 'is', null)
							.where('koppelcode.expires_at', '>', now)
					)
				)
			)
			.execute();
		for (const p of pupils) await insertKoppelcode(trx, p.id, createdBy, now);
		return pupils.length;
	});
}

export async function activeKoppelcodes(db: DB, pupilIds: number[], now = Date.now()) {
	if (pupilIds.length === 0) return [];
	return db
		.selectFrom('koppelcode')
		.select(['pupil_id', 'code', 'expires_at'])
		.where('pupil_id', 'in', pupilIds)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.execute();
}

export type RedeemResult = { ok: true; pupilId: number } | { ok: false; message: string };

const UNKNOWN_CODE = 'Deze koppelcode kennen we niet. Controleer de code op de brief van school.';
const USED_CODE = 'Deze koppelcode is al gebruikt. Vraag de leerkracht om een nieuwe code.';
const TOO_MANY =
	'Er zijn te vaak verkeerde koppelcodes ingevuld. Probeer het over een uur opnieuw, of vraag de leerkracht om hulp.';

/** The code if it can still be used, or why not. */
async function usableCode(db: DB, rawCode: string, now: number) {
	const row = await db
		.selectFrom('koppelcode')
		.selectAll()
		.where('code', '=', formatKoppelcode(rawCode))
		.executeTakeFirst();
	if (!row) return { ok: false as const, message: UNKNOWN_CODE };
	if (row.used_at !== null) return { ok: false as const, message: USED_CODE };
	if (row.expires_at <= now)
		return {
			ok: false as const,
			message: 'Deze koppelcode is verlopen. Vraag de leerkracht om een nieuwe code.'
		};
	return { ok: true as const, row };
}

async function redeem(
	db: DB,
	rawCode: string,
	parentId: number,
	now: number
): Promise<RedeemResult> {
	const found = await usableCode(db, rawCode, now);
	if (!found.ok) return found;
	const { row } = found;
	// Only an unused code may be used: two parents racing for one code can't both win.
	const used = await db
		.updateTable('koppelcode')
		.set({ used_at: now, used_by: parentId })
		.where('id', '=', row.id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	if (used.numUpdatedRows === 0n) return { ok: false, message: USED_CODE };
	await db
		.insertInto('parent_pupil')
		.values({ parent_id: parentId, pupil_id: row.pupil_id, created_at: now })
		.onConflict((oc) => oc.doNothing())
		.execute();
	return { ok: true, pupilId: row.pupil_id };
}

/**
 * Codes can't be guessed: each try is counted before the code is looked at, per parent
 * account and per address, and a wrong one waits out the hour.
 */
function reserveCodeTry(db: DB, subject: string, address: string, now: number) {
	const since = now - KOPPELCODE_WINDOW_MS;
	return reserveAttempt(
		db,
		subject,
		address,
		async (trx) => {
			const here = await failures(trx, { prefix: subjects.koppelPrefix, address }, since);
			const own =
				subject === subjects.koppelNew ? { n: 0 } : await failures(trx, { subject }, since);
			return here.n >= KOPPELCODE_ADDRESS_FAILURES || own.n >= KOPPELCODE_PARENT_FAILURES ? 1 : 0;
		},
		now
	);
}

/**
 * Creates the parent account and links the child in one transaction: all or nothing. The
 * code is checked before the e-mail address, and the password is hashed either way, so
 * without a valid code nobody learns whether an address has an account.
 */
export async function registerParent(
	db: DB,
	input: { name: string; email: string; password: string; code: string },
	address: string,
	now = Date.now()
): Promise<{ ok: true; userId: number } | { ok: false; message: string }> {
	const email = normalizeEmail(input.email);
	const attempt = await reserveCodeTry(db, subjects.koppelNew, address, now);
	if (!attempt.ok) return { ok: false, message: TOO_MANY };
	const passwordHash = await hashPassword(input.password);
	try {
		const result = await db.transaction().execute(async (trx) => {
			const found = await usableCode(trx, input.code, now);
			if (!found.ok) throw new Rollback(found.message);
			if (await emailTaken(trx, email))
				throw new Rollback(
					'Er is al een account met dit e-mailadres. Log in en voeg je kind toe met de code.'
				);
			const id = await insertUser(
				trx,
				{ email, name: input.name, passwordHash, role: 'parent', schoolId: null },
				now
			);
			const redeemed = await redeem(trx, input.code, id, now);
			if (!redeemed.ok) throw new Rollback(redeemed.message);
			return { ok: true as const, userId: id };
		});
		await markSuccess(db, attempt.id);
		return result;
	} catch (error) {
		if (error instanceof Rollback) return { ok: false, message: error.message };
		throw error;
	}
}

class Rollback extends Error {}

export async function linkChild(
	db: DB,
	parentId: number,
	code: string,
	address: string,
	now = Date.now()
): Promise<RedeemResult> {
	const attempt = await reserveCodeTry(db, subjects.koppelParent(parentId), address, now);
	if (!attempt.ok) return { ok: false, message: TOO_MANY };
	const result = await db.transaction().execute((trx) => redeem(trx, code, parentId, now));
	if (result.ok) await markSuccess(db, attempt.id);
	return result;
}

/** The parent's own children, with whitelisted fields only: the one way parents reach pupils. */
function ownChildren(db: DB, parentId: number) {
	return db
		.selectFrom('parent_pupil')
		.innerJoin('pupil', 'pupil.id', 'parent_pupil.pupil_id')
		.innerJoin('class', 'class.id', 'pupil.class_id')
		.innerJoin('school', 'school.id', 'class.school_id')
		.select([
			'pupil.id',
			'pupil.display_name',
			'pupil.avatar',
			'class.id as class_id',
			'class.name as class_name',
			'class.band',
			'class.login_theme',
			'school.id as school_id',
			'school.name as school_name',
			'school.protocol_id',
			'school.contact_point'
		])
		.where('parent_pupil.parent_id', '=', parentId);
}

export async function childrenOf(db: DB, parentId: number) {
	return ownChildren(db, parentId).orderBy('pupil.display_name').execute();
}

/** One of the parent's own children, or undefined: the same answer for "not yours" and "not there". */
export async function childOf(db: DB, parentId: number, pupilId: number) {
	if (!Number.isSafeInteger(pupilId)) return undefined;
	return ownChildren(db, parentId).where('parent_pupil.pupil_id', '=', pupilId).executeTakeFirst();
}

/** The parent stops following this child. The child's own data stays with the school. */
export async function unlinkChild(db: DB, parentId: number, pupilId: number): Promise<boolean> {
	const result = await db
		.deleteFrom('parent_pupil')
		.where('parent_id', '=', parentId)
		.where('pupil_id', '=', pupilId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** Which parent is linked to which pupil of the class: names only, for the teacher. */
export async function classParentLinks(db: DB, classId: number) {
	return db
		.selectFrom('parent_pupil')
		.innerJoin('pupil', 'pupil.id', 'parent_pupil.pupil_id')
		.innerJoin('user', 'user.id', 'parent_pupil.parent_id')
		.select([
			'parent_pupil.pupil_id',
			'parent_pupil.parent_id',
			'parent_pupil.created_at',
			'user.name as parent_name'
		])
		.where('pupil.class_id', '=', classId)
		.orderBy('user.name')
		.execute();
}

/** A teacher revokes a link; only for a pupil of this class. */
export async function revokeLink(
	db: DB,
	classId: number,
	pupilId: number,
	parentId: number
): Promise<boolean> {
	const result = await db
		.deleteFrom('parent_pupil')
		.where('parent_id', '=', parentId)
		.where('pupil_id', '=', pupilId)
		.where('pupil_id', 'in', (eb) =>
			eb.selectFrom('pupil').select('pupil.id').where('pupil.class_id', '=', classId)
		)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
