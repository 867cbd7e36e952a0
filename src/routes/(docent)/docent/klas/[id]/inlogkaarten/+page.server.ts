import QRCode from 'qrcode';
import { pupilsOfClass } from '$lib/server/classes';
import { teacherClass } from '$lib/server/auth/teacher-class';
import type { PageServerLoad } from './$types';
import { publicOrigin } from '$lib/server/auth/origin';
import { avatarFor, codePictureFor } from '$lib/pictures';

export const load: PageServerLoad = async (event) => {
	const { db, klas } = await teacherClass(event);
	const link = `${publicOrigin(event)}/klas/${klas.login_token}`;
	const qr = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	// ?leerling=<id>: one card, e.g. after a new code.
	const only = Number(event.url.searchParams.get('leerling')) || null;
	const pupils = (await pupilsOfClass(db, klas.id)).filter((p) => !only || p.id === only);
	return {
		klas: { id: klas.id, name: klas.name },
		only,
		link,
		qr,
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: avatarFor(klas.login_theme, p.avatar),
			// The pictures of the class's own set, at the places the code names.
			code: p.picture_code.split(',').flatMap((id) => codePictureFor(klas.login_theme, id) ?? [])
		}))
	};
};
