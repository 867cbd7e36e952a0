// Progress and mastery of the class as CSV that opens cleanly in Dutch Excel.
import { getLibrary } from '$lib/server/lessons';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { schoolOf } from '$lib/server/schools';
import { assignedLessonIds } from '$lib/server/classes';
import { progressMatrix } from '$lib/server/progress';
import { classDashboard } from '$lib/server/dashboard/class';
import { schoolProtocol } from '$lib/server/protocols';
import { MASTERY_LABELS } from '$lib/dashboard/mastery';
import { toCsv } from '$lib/server/csv';
import { quizResults, type QuizResult } from '$lib/server/quizzes';
import { slugify } from '$lib/format';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { user, db, klas } = await teacherClass(event);
	const library = getLibrary();
	const school = await schoolOf(db, user.schoolId);
	const dashboard = await classDashboard(
		db,
		library,
		klas,
		await schoolProtocol(db, library, school.id)
	);
	const lessons = (await assignedLessonIds(db, klas.id))
		.map((id) => library.lessonById.get(id))
		.filter((l) => l !== undefined);
	const cells = await progressMatrix(
		db,
		dashboard.pupils.map((p) => p.id),
		lessons
	);
	const quizzes = await quizResults(
		db,
		dashboard.pupils.map((p) => p.id)
	);
	const header = [
		'Leerling',
		...lessons.map((l) => `Les: ${l.title}`),
		'Voortoets',
		'Natoets',
		...dashboard.goals.flatMap((g) => [`${g.label} ${g.title}`, `${g.label} meteen goed`]),
		...dashboard.rules.flatMap((r) => [`Regel: ${r.title}`, `Regel meteen goed: ${r.title}`])
	];
	const quiz = (r: QuizResult | undefined) =>
		!r
			? 'Niet gemaakt'
			: r.done
				? `${r.right} van ${r.questions} goed`
				: `Bezig (${r.answered} van ${r.questions})`;
	const rows = dashboard.pupils.map((p) => [
		p.name,
		...lessons.map((l) => {
			const cell = cells.get(`${p.id}:${l.id}`);
			if (!cell) return 'Niet begonnen';
			return cell.state === 'klaar'
				? `Klaar (${cell.correctFirst} van ${cell.scoredSteps} meteen goed)`
				: `Bezig (stap ${cell.stepIndex + 1} van ${l.steps.length})`;
		}),
		quiz(quizzes.get(p.id)?.voortoets),
		quiz(quizzes.get(p.id)?.natoets),
		...p.goals.flatMap((g) => [MASTERY_LABELS[g.level], `${g.right} van ${g.total}`]),
		...p.rules.flatMap((r) => [MASTERY_LABELS[r.level], `${r.right} van ${r.total}`])
	]);
	const separator = event.url.searchParams.get('scheiding') === 'komma' ? ',' : ';';
	const file = `denkna-${slugify(klas.name) || 'klas'}-${klas.school_year}.csv`;
	return new Response(toCsv([header, ...rows], separator), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file}"`,
			'cache-control': 'no-store'
		}
	});
};
