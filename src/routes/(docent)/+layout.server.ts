import { requireTeacher } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const user = requireTeacher(event);
	return { teacher: { name: user.name, role: user.role } };
};
