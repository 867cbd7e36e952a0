import { fail, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import { cleanName, MAX_NAME_LENGTH } from './names.ts';

/** Reads form fields into a schema. On bad input: a 400 with the first Dutch message. */
export function parseForm<T extends v.GenericSchema, K extends object = Record<never, never>>(
	schema: T,
	form: FormData,
	keep: K = {} as K
):
	| { ok: true; data: v.InferOutput<T> }
	| { ok: false; failure: ActionFailure<{ message: string } & K> } {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of form) if (typeof value === 'string') raw[key] = value;
	const result = v.safeParse(schema, raw);
	if (result.success) return { ok: true, data: result.output };
	return { ok: false, failure: fail(400, { message: result.issues[0].message, ...keep }) };
}

export const requiredText = (label: string, max = 120) =>
	v.pipe(
		v.string(`${label} ontbreekt.`),
		v.trim(),
		v.minLength(1, `Vul ${label} in.`),
		v.maxLength(max, `${capital(label)} is te lang (maximaal ${max} tekens).`)
	);

/** A person's name: normalised by `cleanName`, and still there after that. */
export const nameField = (label: string, max = 80) =>
	v.pipe(
		v.string(`${capital(label)} ontbreekt.`),
		v.transform(cleanName),
		v.minLength(1, `Vul ${label} in.`),
		v.maxLength(max, `${capital(label)} is te lang (maximaal ${max} tekens).`)
	);

/** A pupil's display name, as a teacher types it when renaming. */
export const pupilNameField = nameField('de naam van de leerling', MAX_NAME_LENGTH);

export const emailField = v.pipe(
	v.string('Vul je e-mailadres in.'),
	v.trim(),
	v.minLength(1, 'Vul je e-mailadres in.'),
	v.maxLength(200, 'Dat e-mailadres is te lang.'),
	v.email('Dat is geen geldig e-mailadres.')
);

export const idField = v.pipe(
	v.string('Er ontbreekt een kenmerk.'),
	v.regex(/^\d{1,12}$/, 'Er ontbreekt een kenmerk.'),
	v.transform(Number)
);

function capital(s: string) {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
