import { getLibrary } from '$lib/server/lessons';
import { parentChild } from '$lib/server/auth/parent-child';
import { exportFileName, pupilExport } from '$lib/server/pupil-data';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, child } = await parentChild(event);
	const data = await pupilExport(db, getLibrary(), child.id);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(child.display_name, 'json')}"`
		}
	});
};
