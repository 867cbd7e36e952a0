// Pupils of a seeded class who log in over HTTP and send answers through /leerling/sync, as
// the lesson player's outbox does.
import { expect } from 'vitest';
import { Client } from '../../helpers/server.ts';
import type { SchoolFixture } from '../../helpers/fixtures.ts';
import { realLibrary } from '../../helpers/db.ts';
import { isScored, type Lesson, type ScoredStep } from '../../../src/lib/lessons/schema.ts';
import { rightChoice } from '../../../src/lib/activities/index.ts';

export const syncLesson = (): Lesson =>
	realLibrary().lessons.find((l) => l.band === 'groep-5-6' && l.steps.some(isScored))!;

export interface SyncPupil {
	id: number;
	client: Client;
}

export async function loginPupils(base: string, klas: SchoolFixture['classA']) {
	const pupils: SyncPupil[] = [];
	for (const p of klas.pupils) {
		const client = new Client(base);
		const res = await client.post(`/klas/${klas.token}/${p.id}`, {
			picked: p.code.slice(0, 2).join(','),
			pick: p.code[2]!
		});
		expect(res.status).toBe(303);
		await client.get(`/leerling/les/${syncLesson().id}`);
		pupils.push({ id: p.id, client });
	}
	return pupils;
}

/** The moves to the first question and one answer on it (a new try) per client id. */
export function outboxItems(clientIds: string[]) {
	const lesson = syncLesson();
	const first = lesson.steps.findIndex(isScored);
	const step = lesson.steps[first] as ScoredStep;
	const moves = lesson.steps.slice(0, first).map((s, i) => ({
		kind: 'advance',
		clientId: `move-${i}-${clientIds[0]}`,
		lessonId: lesson.id,
		stepId: s.id
	}));
	const answers = clientIds.map((clientId) => ({
		kind: 'answer',
		clientId,
		lessonId: lesson.id,
		stepId: step.id,
		choice: rightChoice(step)
	}));
	return [...moves, ...answers];
}

/** Sends one batch; resolves to the client ids the server says are done (none on failure). */
export async function sendOutbox(pupil: SyncPupil, clientIds: string[]): Promise<string[]> {
	try {
		const res = await pupil.client.postJson('/leerling/sync', { items: outboxItems(clientIds) });
		if (res.status !== 200) return [];
		const body = (await res.json()) as { done: string[]; refused: unknown[] };
		expect(body.refused).toEqual([]);
		return body.done.filter((id) => clientIds.includes(id));
	} catch {
		return [];
	}
}
