// A foundation or a national programme for `npm run demo -- --scale=…` and the benchmarks:
// - foundation: 30 schools, 10,000 pupils, about 3 million answers;
// - national: 300 schools, 100,000 pupils, about 30 million answers.
// The per-answer path through recordAnswer would take hours, so rows are generated here (they
// look like what recordAnswer and advance write, ids included) and written in bulk: prepared
// statements in one transaction per school on SQLite, COPY on PostgreSQL.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openConfigured, type DB } from '../../src/lib/server/db/index.ts';
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
import { targetEnv, type Target } from './target.ts';
import { seededRandom } from './seed.ts';

export const SCALE_PASSWORD = 'demo-stichting-2026';
export const SCALES = {
	foundation: { name: 'Stichting Ons Netwerk (schaaldemo)', schools: 30, pupils: 10_000 },
	national: { name: 'Landelijk programma (schaaldemo)', schools: 300, pupils: 100_000 }
} as const;
export type Scale = keyof typeof SCALES;
export const isScale = (s: string): s is Scale => Object.hasOwn(SCALES, s);

const openTarget = (t: Target): DB => openConfigured(targetEnv(t));

const FIRST = ['Emma', 'Noah', 'Sophie', 'Daan', 'Julia', 'Sem', 'Mila', 'Lucas', 'Yara', 'Finn'];
const MORE = ['Noor', 'Levi', 'Saar', 'Milan', 'Fatima', 'Bram', 'Aya', 'Jesse', 'Lotte', 'Elif'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Yilmaz', 'Nguyen', 'Pinas'];
const PROTOCOLS = ['juliana', 'generiek'];

/** The tables written, their columns, in an order that satisfies the foreign keys. */
const TABLES = {
	foundation: ['id', 'name', 'created_at'],
	school: ['id', 'foundation_id', 'name', 'protocol_id', 'contact_point', 'created_at'],
	user: ['id', 'email', 'name', 'password_hash', 'role', 'school_id', 'created_at'],
	class: [
		'id',
		'school_id',
		'name',
		'school_year',
		'band',
		'login_token',
		'read_aloud',
		'archived_at',
		'created_at'
	],
	class_teacher: ['class_id', 'user_id'],
	pupil: ['id', 'class_id', 'display_name', 'avatar', 'picture_code', 'created_at'],
	assignment: ['class_id', 'lesson_id', 'assigned_by', 'assigned_at'],
	lesson_progress: [
		'pupil_id',
		'lesson_id',
		'lesson_version',
		'step_index',
		'started_at',
		'completed_at',
		'updated_at'
	],
	quiz_attempt: [
		'id',
		'pupil_id',
		'quiz_id',
		'kind',
		'quiz_version',
		'started_at',
		'completed_at',
		'questions'
	],
	answer: [
		'id',
		'client_id',
		'pupil_id',
		'lesson_id',
		'lesson_version',
		'step_id',
		'choice',
		'correct',
		'attempt',
		'created_at'
	],
	quiz_answer: ['id', 'client_id', 'attempt_id', 'question_id', 'choice', 'correct', 'created_at']
} as const;
type Table = keyof typeof TABLES;
/** The tables that get millions of rows. */
const BULK_TABLES: Table[] = ['answer', 'quiz_answer', 'lesson_progress', 'quiz_attempt'];
type Value = string | number | null;
const GENERATED_IDS: Table[] = [
	'foundation',
	'school',
	'user',
	'class',
	'pupil',
	'quiz_attempt',
	'answer',
	'quiz_answer'
];

/** Buffers rows per table; `flush` writes them (all of one school at a time). */
interface Sink {
	rows: Map<Table, Value[][]>;
	flush: () => Promise<void>;
	close: () => Promise<void>;
}

function buffers() {
	return new Map<Table, Value[][]>(Object.keys(TABLES).map((t) => [t as Table, []]));
}

function sqliteSink(file: string): Sink {
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('foreign_keys = ON');
	const insert = new Map(
		Object.entries(TABLES).map(([table, columns]) => [
			table as Table,
			sqlite.prepare(
				`insert into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
			)
		])
	);
	const rows = buffers();
	const write = sqlite.transaction(() => {
		for (const [table, list] of rows) {
			const statement = insert.get(table)!;
			for (const row of list) statement.run(row);
			list.length = 0;
		}
	});
	return {
		rows,
		flush: async () => write(),
		close: async () => {
			sqlite.pragma('wal_checkpoint(TRUNCATE)');
			sqlite.exec('analyze');
			sqlite.close();
		}
	};
}

/** COPY's CSV: quoted when needed, NULL as an unquoted empty field. */
function csvLine(row: Value[]): string {
	return (
		row
			.map((v) => {
				if (v === null) return '';
				const s = String(v);
				return /[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
			})
			.join(',') + '\n'
	);
}

async function postgresSink(url: string): Promise<Sink> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	// Generated data, written once: no need to wait for each commit's flush.
	await client.query('set synchronous_commit = off');
	await client.query(`set maintenance_work_mem = '512MB'`);
	// Millions of rows load several times faster without their indexes and foreign keys:
	// those of the big tables are taken off (their definitions kept) and made again after.
	const { rows: deferred } = await client.query<{ drop: string; create: string }>(
		`select format('alter table %I drop constraint %I', t.relname, c.conname) as drop,
			format('alter table %I add constraint %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) as create
		from pg_constraint c join pg_class t on t.oid = c.conrelid
		where t.relname = any($1) and t.relnamespace = current_schema()::regnamespace
			and c.contype in ('u', 'f')
		union all
		select format('drop index %I', i.indexname), i.indexdef
		from pg_indexes i
		where i.tablename = any($1) and i.schemaname = current_schema()
			and i.indexname not in (select conname from pg_constraint)`,
		[BULK_TABLES]
	);
	for (const d of deferred) await client.query(d.drop);
	const rows = buffers();
	return {
		rows,
		flush: async () => {
			await client.query('begin');
			for (const [table, list] of rows) {
				if (list.length === 0) continue;
				const columns = TABLES[table].join(', ');
				const copy = client.query(copyFrom(`copy "${table}" (${columns}) from stdin (format csv)`));
				const chunks = function* () {
					for (let i = 0; i < list.length; i += 1000)
						yield list
							.slice(i, i + 1000)
							.map(csvLine)
							.join('');
				};
				await pipeline(Readable.from(chunks()), copy);
				list.length = 0;
			}
			await client.query('commit');
		},
		close: async () => {
			for (const d of deferred.reverse()) await client.query(d.create);
			// The ids were given here: identity columns continue after the highest.
			for (const table of GENERATED_IDS)
				await client.query(
					`select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`
				);
			// VACUUM sets the visibility map, without which PostgreSQL can't answer the dashboard's
			// queries from the covering indexes alone; ANALYZE gives the planner the sizes.
			await client.query(
				`vacuum (analyze) ${Object.keys(TABLES)
					.map((t) => `"${t}"`)
					.join(', ')}`
			);
			await client.end();
		}
	};
}

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

/** A text progress bar: `▕██████░░░░░░░░▏ 43%`. */
export function progressBar(done: number, total: number, width = 24): string {
	const filled = Math.round((done / total) * width);
	return `▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${Math.floor((done / total) * 100)}%`;
}

export async function seedScale(
	target: Target,
	library: LessonLibrary,
	opts: { scale?: Scale; now?: number; log?: (line: string) => void } = {}
) {
	const scale = SCALES[opts.scale ?? 'foundation'];
	const now = opts.now ?? Date.now();
	const log = opts.log ?? (() => {});
	const db = openTarget(target);
	await migrateToLatest(db, await fileMigrations());
	await db.destroy();
	const hash = await hashPassword(SCALE_PASSWORD);
	const random = seededRandom(30_000);
	const sink = 'url' in target ? await postgresSink(target.url) : sqliteSink(target.file);
	const add = (table: Table, row: Value[]) => sink.rows.get(table)!.push(row);
	const ids = new Map<Table, number>();
	const nextId = (table: Table) => {
		const id = (ids.get(table) ?? 0) + 1;
		ids.set(table, id);
		return id;
	};

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

	const foundationId = nextId('foundation');
	add('foundation', [foundationId, scale.name, now]);
	const schoolYear = currentSchoolYear(new Date(now));
	let answers = 0;
	let pupilsLeft = scale.pupils;
	const DAY = 86_400_000;
	const started = performance.now();

	function answer(
		pupilId: number,
		s: PreparedStep,
		choice: string,
		correct: boolean,
		attempt: number,
		t: number
	) {
		const id = nextId('answer');
		add('answer', [
			id,
			`f${pupilId}-${id}`,
			pupilId,
			s.lessonId,
			s.version,
			s.stepId,
			choice,
			correct ? 1 : 0,
			attempt,
			t
		]);
		answers++;
	}

	/** Answers a list of questions: first try right with chance `skill`, else wrong until right. */
	function answerSteps(pupilId: number, steps: PreparedStep[], skill: number, start: number) {
		let t = start;
		for (const s of steps) {
			t += 30_000;
			let attempt = 1;
			// Wrong tries: most pupils who miss pick the same tempting option.
			while (attempt < 5 && s.wrong.length && random() > skill + (attempt - 1) * 0.2) {
				const wrong =
					random() < 0.7 ? s.wrong[0]! : s.wrong[Math.floor(random() * s.wrong.length)]!;
				answer(pupilId, s, wrong, false, attempt, t);
				attempt++;
				t += 10_000;
			}
			answer(pupilId, s, s.right, true, attempt, t);
		}
		return { end: t };
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
		const attemptId = nextId('quiz_attempt');
		add('quiz_attempt', [
			attemptId,
			pupilId,
			form.id,
			kind,
			form.version,
			start,
			end,
			form.steps.length
		]);
		for (const [i, s] of form.steps.entries()) {
			const right = !s.wrong.length || random() < skill;
			const id = nextId('quiz_answer');
			add('quiz_answer', [
				id,
				`q${pupilId}-${id}`,
				attemptId,
				s.stepId,
				right ? s.right : s.wrong[0]!,
				right ? 1 : 0,
				start + i * 30_000
			]);
			answers++;
		}
	}

	for (let s = 0; s < scale.schools; s++) {
		const schoolPupils = Math.round(pupilsLeft / (scale.schools - s));
		pupilsLeft -= schoolPupils;
		const schoolId = nextId('school');
		add('school', [
			schoolId,
			foundationId,
			`Basisschool ${s + 1}`,
			PROTOCOLS[s % PROTOCOLS.length]!,
			`Intern begeleider, ib@school${s + 1}.test`,
			now
		]);
		add('user', [
			nextId('user'),
			`beheer@school${s + 1}.test`,
			'Beheerder',
			hash,
			'admin',
			schoolId,
			now
		]);
		const classCount = Math.round(schoolPupils / 25);
		let left = schoolPupils;
		for (let c = 0; c < classCount; c++) {
			const size = Math.round(left / (classCount - c));
			left -= size;
			const band = BANDS[c % BANDS.length]!;
			const bandIndex = BANDS.indexOf(band);
			const teacherId = nextId('user');
			add('user', [
				teacherId,
				`leraar${c + 1}@school${s + 1}.test`,
				`Leraar ${c + 1}`,
				hash,
				'teacher',
				schoolId,
				now
			]);
			const classId = nextId('class');
			add('class', [
				classId,
				schoolId,
				`${BAND_LABELS[band]} ${String.fromCharCode(97 + Math.floor(c / BANDS.length))}`,
				schoolYear,
				band,
				generateSessionToken(),
				band === 'groep-3-4' ? 1 : 0,
				null,
				now
			]);
			add('class_teacher', [classId, teacherId]);
			const lessons = lessonsByBand.get(band)!;
			lessons.forEach((l, i) =>
				add('assignment', [classId, l.id, teacherId, now - (lessons.length - i) * 7 * DAY])
			);
			const quiz = quizByBand.get(band)!;
			for (let p = 0; p < size; p++) {
				const first = (p % 2 ? MORE : FIRST)[Math.floor(random() * 10)]!;
				const name = `${displayName(first, LAST[Math.floor(random() * LAST.length)]!)} (${p + 1})`;
				const pupilId = nextId('pupil');
				add('pupil', [
					pupilId,
					classId,
					name,
					AVATARS[p % AVATARS.length]!.id,
					randomPictureCode(),
					now
				]);
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
						add('lesson_progress', [
							pupilId,
							lesson.id,
							lesson.version,
							partial ? Math.min(steps.length, lesson.length - 2) : lesson.length - 1,
							start,
							partial ? null : end,
							end
						]);
					}
				}
				if (quiz.pre) {
					takeQuiz(pupilId, quiz.pre, 'voortoets', skill * 0.75, now - 180 * DAY);
					if (quiz.post && random() < 0.6)
						takeQuiz(pupilId, quiz.post, 'natoets', Math.min(0.95, skill + 0.15), now - 5 * DAY);
				}
			}
		}
		await sink.flush();
		const seconds = (performance.now() - started) / 1000;
		const rest = Math.round((seconds / (s + 1)) * (scale.schools - s - 1));
		log(
			`${progressBar(s + 1, scale.schools)} school ${s + 1}/${scale.schools}, ${answers.toLocaleString('nl-NL')} antwoorden${rest > 0 ? `, nog ~${rest} s` : ''}`
		);
	}
	log('Indexen bijwerken (analyze)...');
	await sink.close();
	return { answers, pupils: scale.pupils, schools: scale.schools };
}

/** Whether `target` already holds this scale's data (so benchmarks can reuse it). */
export async function hasScale(target: Target, scale: Scale = 'foundation'): Promise<boolean> {
	if ('file' in target) {
		try {
			new SQLite(target.file, { readonly: true, fileMustExist: true }).close();
		} catch {
			return false;
		}
	}
	const db = openTarget(target);
	try {
		const row = await db
			.selectFrom('foundation')
			.select('id')
			.where('name', '=', SCALES[scale].name)
			.executeTakeFirst();
		return !!row;
	} catch {
		return false; // no tables yet
	} finally {
		await db.destroy();
	}
}

/** The foundation scale in a SQLite file (the answer bench's database). */
export const seedFoundation = (
	file: string,
	library: LessonLibrary,
	opts: { now?: number; log?: (line: string) => void } = {}
) => seedScale({ file }, library, { ...opts, scale: 'foundation' });
export const hasFoundation = (file: string) => hasScale({ file }, 'foundation');
