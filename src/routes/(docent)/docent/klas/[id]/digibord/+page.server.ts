import QRCode from 'qrcode';
import { teacherClass } from '$lib/server/auth/teacher-class';
import type { PageServerLoad } from './$types';

// For the digibord: the class link and its QR code only. Never the pupils' picture codes,
// which the whole class would see.
export const load: PageServerLoad = async (event) => {
	const { klas } = await teacherClass(event);
	const link = `${event.url.origin}/klas/${klas.login_token}`;
	const qr = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { klas: { id: klas.id, name: klas.name }, link, qr };
};
