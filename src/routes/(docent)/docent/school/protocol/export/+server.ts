// The school's protocol as it is now (stored or file), as YAML in the lessons/protocols format.
import { requireTeacher } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getLibrary } from '$lib/server/lessons';
import { protocolYaml, schoolProtocol } from '$lib/server/protocols';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireTeacher(event);
	const { protocol } = await schoolProtocol(getDb(), getLibrary(), user.schoolId, { draft: true });
	return new Response(protocolYaml(protocol), {
		headers: {
			'content-type': 'text/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="${protocol.id}.yaml"`,
			'cache-control': 'no-store'
		}
	});
};
