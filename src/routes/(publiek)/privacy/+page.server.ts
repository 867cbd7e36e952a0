import { archivedClassDays } from '$lib/server/retention';
import { KOPPELCODE_DAYS } from '$lib/server/parents';
import { PUPIL_SESSION_MS, USER_SESSION_MAX_MS, USER_SESSION_MS } from '$lib/server/auth/session';
import type { PageServerLoad } from './$types';

const DAY = 24 * 60 * 60 * 1000;

// The terms the code enforces, so the page says what really happens.
export const load: PageServerLoad = () => ({
	terms: {
		archivedClassDays: archivedClassDays(),
		koppelcodeDays: KOPPELCODE_DAYS,
		sessionDays: USER_SESSION_MS / DAY,
		sessionMaxDays: USER_SESSION_MAX_MS / DAY,
		pupilSessionHours: PUPIL_SESSION_MS / (60 * 60 * 1000)
	}
});
