import { requirePupil } from '$lib/server/auth/guards';
import { PUPIL_HEADER } from '$lib/player/offline';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const pupil = requirePupil(event);
	// The service worker caches this pupil's pages under this key only (src/service-worker.ts).
	event.setHeaders({ [PUPIL_HEADER]: String(pupil.id) });
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
