import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireAdmin } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import {
	previewRule,
	protocolRowOfSchool,
	ruleFromForm,
	ruleProblem,
	schoolProtocol,
	saveRule,
	storedRules,
	untaughtBands
} from '$lib/server/protocols';
import { BAND_LABELS, BANDS, TOPIC_LABELS, TOPICS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';

const NEW = 'nieuw';

async function protocolOfAdmin(schoolId: number) {
	const row = await protocolRowOfSchool(getDb(), schoolId);
	if (!row) redirect(303, '/docent/school/protocol');
	return row;
}

export const load: PageServerLoad = async (event) => {
	const user = requireAdmin(event);
	const row = await protocolOfAdmin(user.schoolId);
	const { rules } = await storedRules(getDb(), row.id);
	const id = event.params.id;
	const rule = id === NEW ? null : rules.history.get(id)?.at(-1);
	if (rule === undefined) error(404, 'Deze regel staat niet in het protocol van jouw school.');
	const missing = rule ? (untaughtBands(getLibrary(), [rule]).get(rule.id) ?? []) : [];
	return {
		isNew: !rule,
		rule: rule
			? {
					id: rule.id,
					version: rule.version,
					text: rule.text,
					topic: rule.topic as string,
					source: rule.source,
					bands: rule.bands as string[],
					textByBand: (rule.textByBand ?? {}) as Record<string, string>,
					notApplicable: (rule.notApplicable ?? {}) as Record<string, string>,
					changedAt: rule.createdAt
				}
			: null,
		untaught: missing.map((b) => BAND_LABELS[b].toLowerCase()),
		bands: BANDS.map((b) => ({ id: b, label: BAND_LABELS[b] })),
		topics: TOPICS.map((t) => ({ id: t, label: TOPIC_LABELS[t] }))
	};
};

const valuesOf = (input: ReturnType<typeof ruleFromForm>) => ({
	...input,
	textByBand: input.textByBand ?? {},
	notApplicable: input.notApplicable ?? {}
});

export const actions: Actions = {
	/** Shows the cards as they would read, without saving anything. */
	preview: async (event) => {
		const user = requireAdmin(event);
		await protocolOfAdmin(user.schoolId);
		const form = await event.request.formData();
		const input = ruleFromForm(form);
		const id = event.params.id === NEW ? 'voorbeeld.nieuw' : event.params.id;
		const problem = ruleProblem({ id, ...input });
		if (problem)
			return fail(400, {
				message: `Geen voorbeeld: ${problem}.`,
				values: valuesOf(input),
				conflict: null
			});
		const library = getLibrary();
		const sp = await schoolProtocol(getDb(), library, user.schoolId, { draft: true });
		return {
			values: valuesOf(input),
			preview: previewRule(library, sp, { id, ...input }).map((p) => ({
				...p,
				band: BAND_LABELS[p.band].toLowerCase(),
				topicLabel: TOPIC_LABELS[input.topic]
			}))
		};
	},
	save: async (event) => {
		const user = requireAdmin(event);
		const row = await protocolOfAdmin(user.schoolId);
		const form = await event.request.formData();
		const input = ruleFromForm(form);
		const id = event.params.id;
		const result = await saveRule(
			getDb(),
			{
				protocolId: row.id,
				...(id === NEW ? {} : { ruleId: id, expectedVersion: Number(form.get('version') ?? 0) }),
				rule: input
			},
			user.id
		);
		if (!result.ok)
			return fail(result.conflict ? 409 : 400, {
				message: result.message,
				values: {
					...input,
					textByBand: input.textByBand ?? {},
					notApplicable: input.notApplicable ?? {}
				},
				conflict: result.conflict
					? {
							text: result.conflict.text,
							version: result.conflict.version,
							changedAt: result.conflict.createdAt
						}
					: null
			});
		redirect(303, `/docent/school/protocol#regel-${result.ruleId}`);
	}
};
