import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { pupilsFromCsv } from '$lib/server/csv';
import {
	addClassTeacher,
	addPupils,
	archiveClass,
	assignLesson,
	assignmentsOfClass,
	classesForTeacher,
	coTeacherCandidates,
	movePupil,
	pupilsOfClass,
	removeClassTeacher,
	renameClass,
	renamePupil,
	resetPictureCode,
	setLoginTheme,
	setReadAloud,
	teachersOfClass,
	unassignLesson,
	unlockPupil,
	weekLabel
} from '$lib/server/classes';
import { getLibrary } from '$lib/server/lessons';
import {
	avatarFor,
	codePictureFor,
	codePictures,
	LOGIN_THEME_LABELS,
	LOGIN_THEMES
} from '$lib/pictures';
import {
	assignQuiz,
	bandQuiz,
	isQuizKind,
	QUIZ_KIND_LABELS,
	QUIZ_KINDS,
	quizAssignments,
	quizResults,
	unassignQuiz
} from '$lib/server/quizzes';
import { progressMatrix } from '$lib/server/progress';
import { activeKoppelcodes, createKoppelcode } from '$lib/server/parents';
import { displayNameFromLine, MAX_NAME_LENGTH } from '$lib/server/names';
import { idField, parseForm, pupilNameField, requiredText } from '$lib/server/forms';
import type { DB } from '$lib/server/db';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, db, klas } = await teacherClass(event);
	const library = getLibrary();
	const otherClasses = (await classesForTeacher(db, user)).filter((c) => c.id !== klas.id);
	const pupils = await pupilsOfClass(db, klas.id);
	const assignments = await assignmentsOfClass(db, klas.id);
	const weekOf = new Map(assignments.map((a) => [a.lesson_id, a.week]));
	const assigned = assignments.map((a) => a.lesson_id).filter((id) => library.lessonById.has(id));
	const quizWeeks = new Map((await quizAssignments(db, klas.id)).map((a) => [a.kind, a.week]));
	const cells = await progressMatrix(
		db,
		pupils.map((p) => p.id),
		assigned.map((id) => library.lessonById.get(id)!)
	);
	const quizzes = await quizResults(
		db,
		pupils.map((p) => p.id)
	);
	const codes = new Map(
		(
			await activeKoppelcodes(
				db,
				pupils.map((p) => p.id)
			)
		).map((c) => [c.pupil_id, c])
	);
	const teachers = await teachersOfClass(db, klas.id);
	return {
		klas: {
			id: klas.id,
			name: klas.name,
			band: BAND_LABELS[klas.band],
			schoolYear: klas.school_year,
			readAloud: klas.read_aloud === 1,
			loginTheme: klas.login_theme
		},
		teachers: teachers.map((t) => ({ id: t.id, name: t.name, me: t.id === user.id })),
		candidates: (await coTeacherCandidates(db, klas)).map((t) => ({ id: t.id, name: t.name })),
		// Each set as the teacher chooses between them: its name and its nine code pictures.
		loginThemes: LOGIN_THEMES.map((theme) => ({
			id: theme,
			label: LOGIN_THEME_LABELS[theme],
			pictures: codePictures(theme).map((p) => p.icon)
		})),
		otherClasses: otherClasses.map((c) => ({ id: c.id, name: c.name })),
		// The band's lessons in the recommended order, then lessons of other bands already set.
		lessons: [
			...library.order[klas.band],
			...assigned.filter((id) => library.lessonById.get(id)!.band !== klas.band)
		]
			.map((id) => library.lessonById.get(id)!)
			.map((l) => ({
				id: l.id,
				title: l.title,
				minutes: l.minutes,
				assigned: assigned.includes(l.id),
				week: weekLabel(weekOf.get(l.id) ?? null),
				steps: l.steps.length,
				field: 'lesson' as const
			})),
		// Quiz columns in the progress table: the kinds set for the class or already taken.
		quizColumns: QUIZ_KINDS.filter(
			(kind) => quizWeeks.has(kind) || [...quizzes.values()].some((q) => q[kind])
		),
		quizzes: QUIZ_KINDS.flatMap((kind) => {
			const quiz = bandQuiz(library, klas.band, kind);
			return quiz
				? [
						{
							id: kind,
							title: `${QUIZ_KIND_LABELS[kind]}: ${quiz.title}`,
							minutes: quiz.minutes,
							assigned: quizWeeks.has(kind),
							week: weekLabel(quizWeeks.get(kind) ?? null),
							field: 'quiz' as const
						}
					]
				: [];
		}),
		assigned: assigned.map((id) => ({
			id,
			title: library.lessonById.get(id)!.title,
			steps: library.lessonById.get(id)!.steps.length
		})),
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: avatarFor(klas.login_theme, p.avatar),
			locked: p.locked_at !== null,
			koppelcode: codes.get(p.id)
				? { code: codes.get(p.id)!.code, expiresAt: codes.get(p.id)!.expires_at }
				: null,
			progress: assigned.map((lessonId) => cells.get(`${p.id}:${lessonId}`) ?? null),
			quizzes: quizzes.get(p.id) ?? {}
		}))
	};
};

const PupilForm = v.object({ pupil: idField });
const LoginThemeForm = v.object({
	theme: v.picklist(LOGIN_THEMES, 'Kies een van de twee sets plaatjes.')
});
const AssignForm = v.object({
	lesson: v.optional(v.string()),
	quiz: v.optional(v.picklist(QUIZ_KINDS, 'Deze toets bestaat niet.')),
	week: v.optional(
		v.union(
			[
				v.literal(''),
				v.pipe(v.string(), v.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'Kies een geldige week.'))
			],
			'Kies een geldige week.'
		)
	)
});

const MoveForm = v.object({ pupil: idField, to: idField });
const PupilNameForm = v.object({ pupil: idField, name: pupilNameField });
const TeacherForm = v.object({ teacher: idField });
const RenameForm = v.object({ name: requiredText('de naam van de klas', 40) });

/** Checks and stores pasted or imported names: all of them, or none with a Dutch message. */
async function addNames(db: DB, classId: number, names: string[], keep: Record<string, string>) {
	if (names.length === 0)
		return fail(400, {
			section: 'pupils',
			message: 'Plak of typ minstens één naam, één per regel.',
			...keep
		});
	if (names.length > 60)
		return fail(400, {
			section: 'pupils',
			message: 'Voeg maximaal 60 leerlingen tegelijk toe.',
			...keep
		});
	const tooLong = names.find((n) => n.length > MAX_NAME_LENGTH);
	if (tooLong)
		return fail(400, {
			section: 'pupils',
			message: `Deze naam is te lang: ${tooLong.slice(0, 50)}…`,
			...keep
		});
	const added = await addPupils(db, classId, names);
	return {
		section: 'pupils',
		ok: `${added.length === 1 ? '1 leerling' : `${added.length} leerlingen`} toegevoegd: ${added
			.map((a) => a.displayName)
			.join(', ')
			.replace(/\.?$/, '.')}`
	};
}

export const actions: Actions = {
	addPupils: async (event) => {
		const { db, klas } = await teacherClass(event);
		const form = await event.request.formData();
		// A file sent as "names" is no list of names (String(file) would be "[object File]").
		const raw = form.get('names');
		const text = typeof raw === 'string' ? raw : '';
		const names = text
			.split(/\r?\n/)
			.map(displayNameFromLine)
			.filter((n): n is string => !!n);
		return addNames(db, klas.id, names, { names: text });
	},
	importCsv: async (event) => {
		const { db, klas } = await teacherClass(event);
		const file = (await event.request.formData()).get('csv');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { section: 'pupils', message: 'Kies eerst een CSV-bestand.' });
		if (file.size > 1_000_000)
			return fail(400, { section: 'pupils', message: 'Dit CSV-bestand is te groot (max. 1 MB).' });
		const parsed = pupilsFromCsv(await file.text());
		if (!parsed.ok) return fail(400, { section: 'pupils', message: parsed.message });
		return addNames(db, klas.id, parsed.names, {});
	},
	rename: async (event) => {
		const { db, klas } = await teacherClass(event);
		const form = await event.request.formData();
		const parsed = parseForm(RenameForm, form, { section: 'class' });
		if (!parsed.ok) return parsed.failure;
		await renameClass(db, klas.id, parsed.data.name);
		return { section: 'class', ok: 'De naam van de klas is aangepast.' };
	},
	loginTheme: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(LoginThemeForm, await event.request.formData(), {
			section: 'class'
		});
		if (!parsed.ok) return parsed.failure;
		const theme = parsed.data.theme;
		if (theme === klas.login_theme)
			return { section: 'class', ok: 'De klas houdt dezelfde plaatjes. Er is niets veranderd.' };
		await setLoginTheme(db, klas.id, theme);
		return {
			section: 'class',
			ok:
				`De klas logt nu in met de plaatjes "${LOGIN_THEME_LABELS[theme]}". Elke code blijft op ` +
				'dezelfde plekken in het raster, maar de leerlingen zien andere plaatjes: print nieuwe ' +
				'inlogkaarten en vertel het de klas voordat ze weer inloggen.',
			card: `/docent/klas/${klas.id}/inlogkaarten`
		};
	},
	archive: async (event) => {
		const { db, klas } = await teacherClass(event);
		await archiveClass(db, klas.id);
		redirect(303, '/docent?gearchiveerd=1');
	},
	move: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(MoveForm, await event.request.formData(), { section: 'pupils' });
		if (!parsed.ok) return parsed.failure;
		const target = (await classesForTeacher(db, user)).find((c) => c.id === parsed.data.to);
		if (!target || target.id === klas.id)
			return fail(400, { section: 'pupils', message: 'Kies een andere klas van jou.' });
		const moved = await movePupil(db, klas.id, parsed.data.pupil, target.id);
		if (!moved)
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		return { section: 'pupils', ok: `${moved} zit nu in ${target.name}.` };
	},
	renamePupil: async (event) => {
		const { db, klas } = await teacherClass(event);
		const form = await event.request.formData();
		const keep = {
			section: 'pupils',
			renaming: String(form.get('pupil') ?? ''),
			name: String(form.get('name') ?? '')
		};
		const parsed = parseForm(PupilNameForm, form, keep);
		if (!parsed.ok) return parsed.failure;
		const result = await renamePupil(db, klas.id, parsed.data.pupil, parsed.data.name);
		if (!result.ok) return fail(400, { ...keep, message: result.message });
		return {
			section: 'pupils',
			ok: result.message
		};
	},
	addTeacher: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(TeacherForm, await event.request.formData(), { section: 'teachers' });
		if (!parsed.ok) return parsed.failure;
		const result = await addClassTeacher(db, klas.id, parsed.data.teacher);
		if (!result.ok) return fail(400, { section: 'teachers', message: result.message });
		return { section: 'teachers', ok: `${result.name} geeft nu ook les aan ${klas.name}.` };
	},
	removeTeacher: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(TeacherForm, await event.request.formData(), { section: 'teachers' });
		if (!parsed.ok) return parsed.failure;
		const result = await removeClassTeacher(db, klas.id, parsed.data.teacher);
		if (!result.ok) return fail(400, { section: 'teachers', message: result.message });
		// A teacher who leaves the class can no longer open its page (a school admin still can).
		if (parsed.data.teacher === user.id && user.role !== 'admin')
			redirect(303, '/docent?klasVerlaten=1');
		return { section: 'teachers', ok: `${result.name} geeft geen les meer aan ${klas.name}.` };
	},
	assign: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(AssignForm, await event.request.formData(), { section: 'lessons' });
		if (!parsed.ok) return parsed.failure;
		const { lesson, quiz } = parsed.data;
		const week = parsed.data.week || null;
		const what = quiz ? `De ${quiz}` : 'De les';
		if (quiz) {
			if (!bandQuiz(getLibrary(), klas.band, quiz))
				return fail(400, { section: 'lessons', message: 'Deze toets is er niet voor deze groep.' });
			await assignQuiz(db, { classId: klas.id, kind: quiz, userId: user.id, week });
		} else {
			if (!lesson || !getLibrary().lessonById.has(lesson))
				return fail(400, { section: 'lessons', message: 'Deze les bestaat niet.' });
			await assignLesson(db, klas.id, lesson, user.id, Date.now(), week);
		}
		return {
			section: 'lessons',
			ok: week
				? `${what} staat klaar voor de klas, voor ${weekLabel(week)}.`
				: `${what} staat klaar voor de klas.`
		};
	},
	unassign: async (event) => {
		const { db, klas } = await teacherClass(event);
		const form = await event.request.formData();
		const quiz = form.get('quiz');
		if (isQuizKind(quiz)) await unassignQuiz(db, klas.id, quiz);
		else await unassignLesson(db, klas.id, String(form.get('lesson') ?? ''));
		return {
			section: 'lessons',
			ok: `${isQuizKind(quiz) ? `De ${quiz} is` : 'De les is'} niet meer klaargezet. Wat leerlingen al deden, blijft bewaard.`
		};
	},
	readAloud: async (event) => {
		const { db, klas } = await teacherClass(event);
		const on = (await event.request.formData()).get('on') === '1';
		await setReadAloud(db, klas.id, on);
		return {
			section: 'settings',
			ok: on ? 'Elke stap wordt nu automatisch voorgelezen.' : 'Automatisch voorlezen staat uit.'
		};
	},
	unlock: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		if (!(await unlockPupil(db, klas.id, parsed.data.pupil)))
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		return { section: 'pupils', ok: 'De leerling kan weer inloggen.' };
	},
	resetCode: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const code = await resetPictureCode(db, klas.id, parsed.data.pupil);
		if (!code)
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		const pupil = (await pupilsOfClass(db, klas.id)).find((p) => p.id === parsed.data.pupil)!;
		const pictures = code
			.split(',')
			.map((id) => codePictureFor(klas.login_theme, id)?.label ?? id)
			.join(', ');
		return {
			section: 'pupils',
			ok: `Nieuwe plaatjescode voor ${pupil.display_name}: ${pictures}. Print een nieuwe inlogkaart.`,
			card: `/docent/klas/${klas.id}/inlogkaarten?leerling=${pupil.id}`
		};
	},
	koppelcode: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const pupil = (await pupilsOfClass(db, klas.id)).find((p) => p.id === parsed.data.pupil);
		if (!pupil)
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		const { code } = await createKoppelcode(db, pupil.id, user.id);
		return { section: 'pupils', ok: `Koppelcode voor ${pupil.display_name}: ${code}` };
	}
};
