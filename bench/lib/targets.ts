// The pupils an answer benchmark sends for: distinct pupils, each with a scored step of their
// own band's lesson that they have reached (so the server accepts the answer).
import type { LessonLibrary } from '../../src/lib/server/lessons.ts';
import { isScored, type ScoredStep } from '../../src/lib/lessons/schema.ts';

export interface ProgressRow {
	pupilId: number;
	band: string;
	lessonId: string;
	stepIndex: number;
}

export function reachedSteps(rows: ProgressRow[], library: LessonLibrary, max: number) {
	const picked: { pupilId: number; lessonId: string; step: ScoredStep }[] = [];
	const seen = new Set<number>();
	for (const r of rows) {
		if (picked.length >= max) break;
		if (seen.has(r.pupilId)) continue;
		const lesson = library.lessonById.get(r.lessonId);
		if (!lesson || lesson.band !== r.band) continue;
		const step = lesson.steps.slice(0, r.stepIndex + 1).find(isScored);
		if (!step) continue;
		seen.add(r.pupilId);
		picked.push({ pupilId: r.pupilId, lessonId: lesson.id, step });
	}
	return picked;
}
