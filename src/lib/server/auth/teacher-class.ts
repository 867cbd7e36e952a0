import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db/index.ts';
import { requireTeacher } from './guards.ts';
import { classForTeacher } from '../classes.ts';

/**
 * The teacher and their class from the route's [id], or a 404: the same answer for "not
 * yours" and "not there". Every class page, action and export starts here.
 */
export async function teacherClass(event: RequestEvent) {
	const user = requireTeacher(event);
	const db = getDb();
	const klas = await classForTeacher(db, user, Number(event.params.id));
	if (!klas) error(404, 'Deze klas bestaat niet of is niet van jou.');
	return { user, db, klas };
}
