// The demo school: a foundation, a school on the Julianaschool protocol, a teacher with two
// classes of about 25 pupils who are partway through their lessons, and a parent of two.
import { randomUUID } from 'node:crypto';
import type { DB } from '../../src/lib/server/db/index.ts';
import { isScored, type Lesson, type Quiz } from '../../src/lib/lessons/schema.ts';
import type { LessonLibrary } from '../../src/lib/server/lessons.ts';
import { addPupils, assignLesson, createClass } from '../../src/lib/server/classes.ts';
import { setupSchool } from '../../src/lib/server/schools.ts';
import { createUser } from '../../src/lib/server/users.ts';
import { advance, recordAnswer, startLesson } from '../../src/lib/server/progress.ts';
import { createKoppelcode, linkChild } from '../../src/lib/server/parents.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import {
	assignQuiz,
	bandQuiz,
	QUIZ_KINDS,
	recordQuizAnswer,
	startQuiz
} from '../../src/lib/server/quizzes.ts';
import { displayName } from '../../src/lib/server/names.ts';

export const DEMO_LOGINS = {
	admin: { email: 'beheer@demo.denkna.nl', password: 'demo-beheer-2026', name: 'Marieke Jansen' },
	teacher: {
		email: 'juf.sanne@demo.denkna.nl',
		password: 'demo-leraar-2026',
		name: 'Sanne de Boer'
	},
	parent: { email: 'ouder@demo.denkna.nl', password: 'demo-ouder-2026', name: 'Karim El Amrani' }
};

const FIRST = [
	'Emma',
	'Noah',
	'Sophie',
	'Daan',
	'Julia',
	'Sem',
	'Mila',
	'Lucas',
	'Yara',
	'Finn',
	'Noor',
	'Levi',
	'Saar',
	'Milan',
	'Fatima',
	'Bram',
	'Aya',
	'Jesse',
	'Lotte',
	'Mohammed',
	'Zoë',
	'Thijs',
	'Elif',
	'Luuk',
	'Amira',
	'Sven',
	'Nina',
	'Ruben',
	'Ilse',
	'Hamza',
	'Fenna',
	'Gijs',
	'Lina',
	'Stijn',
	'Sara',
	'Teun',
	'Maya',
	'Jayden',
	'Isa',
	'Tim',
	'Anouk',
	'Ravi',
	'Lieke',
	'Adam',
	'Femke',
	'Omar',
	'Evi',
	'Jens',
	'Hanna',
	'Mees'
];
const LAST = [
	'de Vries',
	'Jansen',
	'van den Berg',
	'Bakker',
	'Visser',
	'Smit',
	'Meijer',
	'de Boer',
	'Mulder',
	'de Groot',
	'Bos',
	'Vos',
	'Peters',
	'Hendriks',
	'van Leeuwen',
	'Dekker',
	'Brouwer',
	'de Wit',
	'Dijkstra',
	'Yilmaz',
	'El Idrissi',
	'Kaya',
	'Nguyen',
	'Pinas',
	'Ramdin',
	'Koster',
	'Willems',
	'van Dijk',
	'Postma'
];

/** A small deterministic random generator, so the demo looks the same every time. */
export function seededRandom(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Plays a lesson as a pupil would: a right first answer with chance `skill`, otherwise a
 * wrong answer first. Stops after `steps` steps (all of them when undefined).
 */
export async function playLesson(
	db: DB,
	pupilId: number,
	lesson: Lesson,
	options: { skill: number; steps?: number; start: number; random: () => number }
) {
	let now = options.start;
	await startLesson(db, pupilId, lesson, now);
	const stop = Math.min(options.steps ?? lesson.steps.length - 1, lesson.steps.length - 1);
	for (let i = 0; i < stop; i++) {
		const step = lesson.steps[i]!;
		now += 20_000 + Math.floor(options.random() * 40_000);
		if (isScored(step)) {
			const wrong = wrongChoices(step);
			if (options.random() > options.skill && wrong.length) {
				// Pupils who miss tend to pick the same tempting option: the first wrong one, mostly.
				const pick =
					options.random() < 0.7 ? wrong[0]! : wrong[Math.floor(options.random() * wrong.length)]!;
				await recordAnswer(
					db,
					{ pupilId, lesson, stepId: step.id, clientId: randomUUID(), choice: pick },
					now
				);
				now += 15_000;
			}
			await recordAnswer(
				db,
				{ pupilId, lesson, stepId: step.id, clientId: randomUUID(), choice: rightChoice(step) },
				now
			);
		}
		await advance(db, pupilId, lesson, step.id, now);
	}
}

/** A pupil takes a band quiz: each answer right with chance `skill`. */
export async function takeQuiz(
	db: DB,
	pupilId: number,
	quiz: Quiz,
	kind: 'voortoets' | 'natoets',
	skill: number,
	start: number,
	random: () => number
) {
	const attempt = await startQuiz(db, pupilId, quiz, kind, start);
	for (const [i, q] of quiz.questions.entries()) {
		const wrong = wrongChoices(q);
		const choice = random() < skill || !wrong.length ? rightChoice(q) : wrong[0]!;
		await recordQuizAnswer(
			db,
			{ attemptId: attempt.id, quiz, questionId: q.id, clientId: randomUUID(), choice },
			start + i * 40_000
		);
	}
}

export async function seedDemo(db: DB, library: LessonLibrary, now = Date.now()) {
	const random = seededRandom(2026);
	const { schoolId, adminId } = await setupSchool(
		db,
		{
			foundation: 'Stichting Sint Josephscholen (demo)',
			school: 'Basisschool Prinses Juliana (demo)',
			adminName: DEMO_LOGINS.admin.name,
			email: DEMO_LOGINS.admin.email,
			password: DEMO_LOGINS.admin.password,
			protocolId: 'juliana'
		},
		now
	);
	await db
		.updateTable('school')
		.set({ contact_point: 'Meester Tom (ICT-coördinator), tom@demo.denkna.nl' })
		.where('id', '=', schoolId)
		.execute();
	const teacherId = await createUser(
		db,
		{ ...DEMO_LOGINS.teacher, role: 'teacher', schoolId },
		now
	);
	const parentId = await createUser(
		db,
		{ ...DEMO_LOGINS.parent, role: 'parent', schoolId: null },
		now
	);

	const classes = [
		{ name: 'Groep 4a', band: 'groep-3-4' as const, size: 24 },
		{ name: 'Groep 7b', band: 'groep-7-8' as const, size: 27 }
	];
	const result: {
		id: number;
		name: string;
		token: string;
		pupils: { id: number; name: string; code: string }[];
	}[] = [];
	let nameIndex = 0;
	for (const c of classes) {
		const classId = await createClass(db, { schoolId, teacherId, name: c.name, band: c.band }, now);
		const names = Array.from({ length: c.size }, () => {
			const first = FIRST[nameIndex % FIRST.length]!;
			const last = LAST[(nameIndex * 7) % LAST.length]!;
			nameIndex++;
			return displayName(first, last);
		});
		const pupils = await addPupils(db, classId, names, now);
		const lessons = library.lessons.filter((l) => l.band === c.band).slice(0, 3);
		for (const [i, lesson] of lessons.entries()) {
			await assignLesson(db, classId, lesson.id, teacherId, now - (21 - i * 7) * 86_400_000);
		}
		for (const kind of QUIZ_KINDS)
			await assignQuiz(db, { classId, kind, userId: teacherId, week: null }, now - 22 * 86_400_000);
		// Realistic progress: most did the first lesson, fewer the second, a few started the third.
		for (const pupil of pupils) {
			const skill = 0.45 + random() * 0.5;
			for (const [i, lesson] of lessons.entries()) {
				const roll = random();
				const start = now - (20 - i * 7) * 86_400_000 + Math.floor(random() * 3_600_000);
				if (roll < [0.92, 0.6, 0.25][i]!)
					await playLesson(db, pupil.id, lesson, { skill, start, random });
				else if (roll < [0.97, 0.8, 0.4][i]!)
					await playLesson(db, pupil.id, lesson, {
						skill,
						start,
						random,
						steps: 1 + Math.floor(random() * (lesson.steps.length - 2))
					});
			}
			// The band quiz: everyone did the voortoets before the lessons, half the natoets since.
			const pre = bandQuiz(library, c.band, 'voortoets');
			const post = bandQuiz(library, c.band, 'natoets');
			if (pre) {
				await takeQuiz(db, pupil.id, pre, 'voortoets', skill * 0.7, now - 22 * 86_400_000, random);
				if (post && random() < 0.5)
					await takeQuiz(
						db,
						pupil.id,
						post,
						'natoets',
						Math.min(0.95, skill + 0.15),
						now - 86_400_000,
						random
					);
			}
		}
		const token = (
			await db
				.selectFrom('class')
				.select('login_token')
				.where('id', '=', classId)
				.executeTakeFirstOrThrow()
		).login_token;
		const withCodes = await db
			.selectFrom('pupil')
			.select(['id', 'display_name', 'picture_code'])
			.where('class_id', '=', classId)
			.orderBy('id')
			.execute();
		result.push({
			id: classId,
			name: c.name,
			token,
			pupils: withCodes.map((p) => ({ id: p.id, name: p.display_name, code: p.picture_code }))
		});
	}
	// The parent has a child in each class.
	for (const klas of result) {
		const { code } = await createKoppelcode(db, klas.pupils[1]!.id, teacherId, now);
		await linkChild(db, parentId, code, 'demo', now);
	}
	return { schoolId, adminId, teacherId, parentId, classes: result };
}
