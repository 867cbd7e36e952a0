// A whole foundation for `npm run demo -- --scale=foundation` and the benchmarks: 30 schools,
// 10,000 pupils and about 3 million answers. Written with raw better-sqlite3 prepared
// statements, one transaction per school: the per-answer path through recordAnswer would take
// hours. The rows look like what recordAnswer and advance write.
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { currentSchoolYear, randomPictureCode } from '../../src/lib/server/classes.ts';
import { generateSessionToken } from '../../src/lib/server/auth/session.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import { bandQuiz } from '../../src/lib/server/quizzes.ts';
import { displayName } from '../../src/lib/server/names.ts';
import type { LessonLibrary } from '../../src/lib/server/lessons.ts';
import { AVATARS } from '../../src/lib/pictures.ts';
import {
	BAND_LABELS,
	BANDS,
	isScored,
	type Band,
	type ScoredStep
} from '../../src/lib/lessons/schema.ts';
import { fileMigrations } from './migrations.ts';
import { seededRandom } from './seed.ts';

export const FOUNDATION_NAME = 'Stichting Ons Netwerk (schaaldemo)';
export const SCALE_PASSWORD = 'demo-stichting-2026';
export const SCALE = { schools: 30, pupils: 10_000 };

const FIRST = ['Emma', 'Noah', 'Sophie', 'Daan', 'Julia', 'Sem', 'Mila', 'Lucas', 'Yara', 'Finn'];
const MORE = ['Noor', 'Levi', 'Saar', 'Milan', 'Fatima', 'Bram', 'Aya', 'Jesse', 'Lotte', 'Elif'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Yilmaz', 'Nguyen', 'Pinas'];
const PROTOCOLS = ['juliana', 'generiek'];

interface PreparedStep {
	lessonId: string;
	version: string;
	stepId: string;
	right: string;
	wrong: string[];
}

function prepare(step: ScoredStep, lessonId: string, version: string): PreparedStep {
	return {
		lessonId,
		version,
		stepId: step.id,
		right: JSON.stringify(rightChoice(step)),
		wrong: wrongChoices(step).map((c) => JSON.stringify(c))
	};
}

export async function seedFoundation(
	file: string,
	library: LessonLibrary,
	opts: { now?: number; log?: (line: string) => void } = {}
) {
	const now = opts.now ?? Date.now();
	const log = opts.log ?? (() => {});
	const db = openDatabase(file);
	await migrateToLatest(db, await fileMigrations());
	await db.destroy();
	const hash = await hashPassword(SCALE_PASSWORD);
	const random = seededRandom(30_000);
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('foreign_keys = ON');

	const lessonsByBand = new Map<
		Band,
		{ id: string; version: string; steps: PreparedStep[]; length: number }[]
	>(
		BANDS.map((band) => [
			band,
			library.lessons
				.filter((l) => l.band === band)
				.map((l) => ({
					id: l.id,
					version: l.version,
					length: l.steps.length,
					steps: l.steps.filter(isScored).map((s) => prepare(s, l.id, l.version))
				}))
		])
	);
	const quizForm = (band: Band, kind: 'voortoets' | 'natoets') => {
		const q = bandQuiz(library, band, kind);
		return (
			q && {
				id: q.id,
				version: q.version,
				steps: q.questions.map((s) => prepare(s, q.id, q.version))
			}
		);
	};
	const quizByBand = new Map(
		BANDS.map((band) => [
			band,
			{ pre: quizForm(band, 'voortoets'), post: quizForm(band, 'natoets') }
		])
	);

	const insertFoundation = sqlite.prepare(
		'insert into foundation (name, created_at) values (?, ?)'
	);
	const insertSchool = sqlite.prepare(
		'insert into school (foundation_id, name, protocol_id, contact_point, created_at) values (?, ?, ?, ?, ?)'
	);
	const insertUser = sqlite.prepare(
		'insert into user (email, name, password_hash, role, school_id, created_at) values (?, ?, ?, ?, ?, ?)'
	);
	const insertClass = sqlite.prepare(
		'insert into class (school_id, name, school_year, band, login_token, read_aloud, archived_at, created_at) values (?, ?, ?, ?, ?, ?, null, ?)'
	);
	const insertClassTeacher = sqlite.prepare(
		'insert into class_teacher (class_id, user_id) values (?, ?)'
	);
	const insertPupil = sqlite.prepare(
		'insert into pupil (class_id, display_name, avatar, picture_code, created_at) values (?, ?, ?, ?, ?)'
	);
	const insertAssignment = sqlite.prepare(
		'insert into assignment (class_id, lesson_id, assigned_by, assigned_at) values (?, ?, ?, ?)'
	);
	const insertAnswer = sqlite.prepare(
		'insert into answer (client_id, pupil_id, lesson_id, lesson_version, step_id, choice, correct, attempt, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const insertProgress = sqlite.prepare(
		'insert into lesson_progress (pupil_id, lesson_id, lesson_version, step_index, started_at, completed_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)'
	);
	const insertQuizAnswer = sqlite.prepare(
		'insert into quiz_answer (client_id, attempt_id, question_id, choice, correct, created_at) values (?, ?, ?, ?, ?, ?)'
	);
	const insertQuiz = sqlite.prepare(
		'insert into quiz_attempt (pupil_id, quiz_id, kind, quiz_version, started_at, completed_at, questions) values (?, ?, ?, ?, ?, ?, ?)'
	);

	const foundationId = Number(insertFoundation.run(FOUNDATION_NAME, now).lastInsertRowid);
	const schoolYear = currentSchoolYear(new Date(now));
	let answers = 0;
	let pupilsLeft = SCALE.pupils;
	const DAY = 86_400_000;

	/** Answers a list of questions: first try right with chance `skill`, else wrong until right. */
	function answerSteps(pupilId: number, steps: PreparedStep[], skill: number, start: number) {
		let t = start;
		let correctFirst = 0;
		for (const s of steps) {
			t += 30_000;
			let attempt = 1;
			// Wrong tries: most pupils who miss pick the same tempting option.
			while (attempt < 5 && s.wrong.length && random() > skill + (attempt - 1) * 0.2) {
				const wrong =
					random() < 0.7 ? s.wrong[0]! : s.wrong[Math.floor(random() * s.wrong.length)]!;
				insertAnswer.run(
					`f${pupilId}-${answers}`,
					pupilId,
					s.lessonId,
					s.version,
					s.stepId,
					wrong,
					0,
					attempt,
					t
				);
				answers++;
				attempt++;
				t += 10_000;
			}
			insertAnswer.run(
				`f${pupilId}-${answers}`,
				pupilId,
				s.lessonId,
				s.version,
				s.stepId,
				s.right,
				1,
				attempt,
				t
			);
			answers++;
			if (attempt === 1) correctFirst++;
		}
		return { correctFirst, end: t };
	}

	/** A quiz attempt: one try per question, right with chance `skill`. */
	function takeQuiz(
		pupilId: number,
		form: { id: string; version: string; steps: PreparedStep[] },
		kind: 'voortoets' | 'natoets',
		skill: number,
		start: number
	) {
		const end = start + form.steps.length * 30_000;
		const attemptId = Number(
			insertQuiz.run(pupilId, form.id, kind, form.version, start, end, form.steps.length)
				.lastInsertRowid
		);
		for (const [i, s] of form.steps.entries()) {
			const right = !s.wrong.length || random() < skill;
			insertQuizAnswer.run(
				`f${pupilId}-${answers}`,
				attemptId,
				s.stepId,
				right ? s.right : s.wrong[0]!,
				right ? 1 : 0,
				start + i * 30_000
			);
			answers++;
		}
	}

	for (let s = 0; s < SCALE.schools; s++) {
		const schoolPupils = Math.round(pupilsLeft / (SCALE.schools - s));
		pupilsLeft -= schoolPupils;
		sqlite.transaction(() => {
			const schoolId = Number(
				insertSchool.run(
					foundationId,
					`Basisschool ${s + 1}`,
					PROTOCOLS[s % PROTOCOLS.length],
					`Intern begeleider, ib@school${s + 1}.test`,
					now
				).lastInsertRowid
			);
			insertUser.run(`beheer@school${s + 1}.test`, 'Beheerder', hash, 'admin', schoolId, now);
			const classCount = Math.round(schoolPupils / 25);
			let left = schoolPupils;
			for (let c = 0; c < classCount; c++) {
				const size = Math.round(left / (classCount - c));
				left -= size;
				const band = BANDS[c % BANDS.length]!;
				const bandIndex = BANDS.indexOf(band);
				const teacherId = Number(
					insertUser.run(
						`leraar${c + 1}@school${s + 1}.test`,
						`Leraar ${c + 1}`,
						hash,
						'teacher',
						schoolId,
						now
					).lastInsertRowid
				);
				const classId = Number(
					insertClass.run(
						schoolId,
						`${BAND_LABELS[band]} ${String.fromCharCode(97 + Math.floor(c / BANDS.length))}`,
						schoolYear,
						band,
						generateSessionToken(),
						band === 'groep-3-4' ? 1 : 0,
						now
					).lastInsertRowid
				);
				insertClassTeacher.run(classId, teacherId);
				const lessons = lessonsByBand.get(band)!;
				lessons.forEach((l, i) =>
					insertAssignment.run(classId, l.id, teacherId, now - (lessons.length - i) * 7 * DAY)
				);
				const quiz = quizByBand.get(band)!;
				for (let p = 0; p < size; p++) {
					const first = (p % 2 ? MORE : FIRST)[Math.floor(random() * 10)]!;
					const name = `${displayName(first, LAST[Math.floor(random() * LAST.length)]!)} (${p + 1})`;
					const pupilId = Number(
						insertPupil.run(
							classId,
							name,
							AVATARS[p % AVATARS.length]!.id,
							randomPictureCode(),
							now
						).lastInsertRowid
					);
					const skill = 0.12 + random() * 0.6;
					// Earlier years: the lessons of the lower bands, all done.
					for (let b = 0; b <= bandIndex; b++) {
						const current = b === bandIndex;
						const yearStart = now - (bandIndex - b) * 365 * DAY - 200 * DAY;
						for (const [i, lesson] of lessonsByBand.get(BANDS[b]!)!.entries()) {
							const roll = random();
							if (current && roll > 0.85) continue;
							const partial = current && roll > 0.75;
							const steps = partial
								? lesson.steps.slice(0, Math.floor(random() * lesson.steps.length))
								: lesson.steps;
							const start = yearStart + i * 10 * DAY;
							const { end } = answerSteps(pupilId, steps, skill, start);
							insertProgress.run(
								pupilId,
								lesson.id,
								lesson.version,
								partial ? Math.min(steps.length, lesson.length - 2) : lesson.length - 1,
								start,
								partial ? null : end,
								end
							);
						}
					}
					if (quiz.pre) {
						takeQuiz(pupilId, quiz.pre, 'voortoets', skill * 0.75, now - 180 * DAY);
						if (quiz.post && random() < 0.6)
							takeQuiz(pupilId, quiz.post, 'natoets', Math.min(0.95, skill + 0.15), now - 5 * DAY);
					}
				}
			}
		})();
		log(`school ${s + 1}/${SCALE.schools}: ${answers.toLocaleString('nl-NL')} antwoorden`);
	}
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.exec('analyze');
	sqlite.close();
	return { answers, pupils: SCALE.pupils, schools: SCALE.schools };
}

/** Whether `file` already holds the scale foundation (so benchmarks can reuse it). */
export function hasFoundation(file: string): boolean {
	try {
		const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
		try {
			return !!sqlite.prepare('select 1 from foundation where name = ?').get(FOUNDATION_NAME);
		} finally {
			sqlite.close();
		}
	} catch {
		return false;
	}
}
