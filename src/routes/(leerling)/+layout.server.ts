import { requirePupil } from '$lib/server/auth/guards';
import { PUPIL_HEADER } from '$lib/player/offline';
import { avatarFor } from '$lib/pictures';
import { sectorOf } from '$lib/lessons/fields';
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
			avatar: avatarFor(pupil.loginTheme, pupil.avatar),
			className: pupil.className,
			band: pupil.band,
			sector: sectorOf(pupil.band),
			readAloud: pupil.readAloud
		}
	};
};
