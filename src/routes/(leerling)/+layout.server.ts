import { requirePupil } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const pupil = requirePupil(event);
	// Whitelisted: the pupil's own name and class, nothing about anyone else.
	return {
		pupil: {
			key: pupil.id,
			name: pupil.displayName,
			avatar: pupil.avatar,
			className: pupil.className,
			band: pupil.band,
			readAloud: pupil.readAloud
		}
	};
};
