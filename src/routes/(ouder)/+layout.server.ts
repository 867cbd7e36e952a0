import { requireParent } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const user = requireParent(event);
	return { parent: { name: user.name } };
};
