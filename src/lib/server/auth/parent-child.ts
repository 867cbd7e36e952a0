import { error, type RequestEvent } from '@sveltejs/kit';
import { requireParent } from './guards.ts';
import { getDb } from '../db/index.ts';
import { childOf } from '../parents.ts';

/** The parent and one of their own children, or a 404: the same for "not yours" and "not there". */
export async function parentChild(event: RequestEvent) {
	const user = requireParent(event);
	const db = getDb();
	const raw = event.params.id ?? '';
	const child = /^\d{1,12}$/.test(raw) ? await childOf(db, user.id, Number(raw)) : undefined;
	if (!child) error(404, 'Dit kind is niet aan jouw account gekoppeld.');
	return { user, db, child };
}
