import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireAdmin, requireTeacher } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import {
	createSchoolProtocol,
	discardDraft,
	foundationProtocolFor,
	importProtocol,
	moveRule,
	protocolRowOfSchool,
	publishProtocol,
	schoolProtocol,
	setRetired,
	shareWithFoundation,
	storedRules,
	TEMPLATE_EMPTY,
	untaughtBands,
	type SaveResult
} from '$lib/server/protocols';
import { BAND_LABELS, TOPIC_LABELS, type Band } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTeacher(event);
	const db = getDb();
	const library = getLibrary();
	const row = await protocolRowOfSchool(db, user.schoolId);
	const admin = user.role === 'admin';
	const templates = library.protocols.map((p) => ({
		id: p.id,
		name: p.name,
		rules: p.rules.length
	}));
	const foundation = await foundationProtocolFor(db, user.schoolId);
	if (!row) {
		const current = await schoolProtocol(db, library, user.schoolId);
		return {
			admin,
			stored: null,
			templates,
			foundation: foundation ? { name: foundation.name } : null,
			current: { name: current.protocol.name, rules: current.protocol.rules.map((r) => r.text) }
		};
	}
	const { rules } = await storedRules(db, row.id);
	const missing = untaughtBands(
		library,
		rules.current.filter((r) => !r.retired)
	);
	return {
		admin,
		templates,
		foundation: foundation ? { name: foundation.name } : null,
		current: null,
		stored: {
			name: row.name,
			liveAt: row.live_at,
			adopted: row.base_id !== null,
			rules: rules.current.map((r) => ({
				id: r.id,
				version: r.version,
				text: r.text,
				topic: TOPIC_LABELS[r.topic],
				bands: r.bands.map((b) => BAND_LABELS[b]),
				source: r.source,
				retired: r.retired,
				inherited: r.inherited,
				changedAt: r.createdAt,
				untaught: (missing.get(r.id) ?? []).map((b: Band) => BAND_LABELS[b].toLowerCase())
			}))
		}
	};
};

async function ownProtocolId(schoolId: number): Promise<number> {
	const row = await protocolRowOfSchool(getDb(), schoolId);
	if (!row) redirect(303, '/docent/school/protocol');
	return row.id;
}

/** The rule and the version the admin saw, from a rule's buttons. */
function ruleRef(form: FormData) {
	return {
		ruleId: String(form.get('rule') ?? ''),
		expectedVersion: Number(form.get('version') ?? 0)
	};
}

function outcome(result: SaveResult, ok: string) {
	if (result.ok) return { ok };
	return fail(result.conflict ? 409 : 400, {
		message: result.message,
		conflict: result.conflict
			? { id: result.conflict.id, text: result.conflict.text, changedAt: result.conflict.createdAt }
			: null
	});
}

export const actions: Actions = {
	create: async (event) => {
		const user = requireAdmin(event);
		const from = String((await event.request.formData()).get('from') ?? '');
		const result = await createSchoolProtocol(getDb(), getLibrary(), {
			schoolId: user.schoolId,
			from,
			userId: user.id
		});
		if (!result.ok) return fail(400, { message: result.message });
		return {
			ok:
				from === TEMPLATE_EMPTY
					? 'Het protocol is gemaakt. Voeg nu de regels van de school toe.'
					: 'Het protocol is gemaakt. Pas de regels aan en zet het daarna live.'
		};
	},
	publish: async (event) => {
		const user = requireAdmin(event);
		const id = await ownProtocolId(user.schoolId);
		const { rules } = await storedRules(getDb(), id);
		if (!rules.current.some((r) => !r.retired))
			return fail(400, { message: 'Het protocol heeft nog geen regels: voeg er eerst een toe.' });
		await publishProtocol(getDb(), id);
		return {
			ok: 'Het protocol staat live: leerlingen, ouders en het dashboard tonen nu deze regels.'
		};
	},
	discard: async (event) => {
		const user = requireAdmin(event);
		if (!(await discardDraft(getDb(), await ownProtocolId(user.schoolId))))
			return fail(400, { message: 'Een protocol dat live staat, kun je niet weggooien.' });
		return { ok: 'Het concept is weggegooid. De school gebruikt weer het gekozen protocol.' };
	},
	move: async (event) => {
		const user = requireAdmin(event);
		const form = await event.request.formData();
		const direction = form.get('direction') === 'up' ? -1 : 1;
		const result = await moveRule(
			getDb(),
			{ protocolId: await ownProtocolId(user.schoolId), ...ruleRef(form), direction },
			user.id
		);
		return outcome(result, 'De volgorde is opgeslagen.');
	},
	retire: async (event) => {
		const user = requireAdmin(event);
		const form = await event.request.formData();
		const retired = form.get('retired') === '1';
		const result = await setRetired(
			getDb(),
			{ protocolId: await ownProtocolId(user.schoolId), ...ruleRef(form), retired },
			user.id
		);
		return outcome(
			result,
			retired
				? 'De regel is uit gebruik. Zijn resultaten in het dashboard blijven bewaard.'
				: 'De regel is weer in gebruik.'
		);
	},
	import: async (event) => {
		const user = requireAdmin(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { message: 'Kies een protocolbestand (.yaml) om te uploaden.' });
		if (file.size > 1_000_000)
			return fail(400, { message: 'Dit bestand is te groot voor een protocol (maximaal 1 MB).' });
		const result = await importProtocol(getDb(), {
			schoolId: user.schoolId,
			yaml: await file.text(),
			userId: user.id
		});
		if (!result.ok) return fail(400, { message: `Niets geïmporteerd. ${result.message}` });
		return {
			ok: `Het protocol is geïmporteerd en staat live (${result.changed} regels nieuw of gewijzigd).`
		};
	},
	share: async (event) => {
		const user = requireAdmin(event);
		const result = await shareWithFoundation(getDb(), { schoolId: user.schoolId, userId: user.id });
		if (!result.ok) return fail(400, { message: result.message });
		return {
			ok: 'De regels staan nu in het stichtingsprotocol. Andere scholen van de stichting kunnen ermee beginnen.'
		};
	}
};
