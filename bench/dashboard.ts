// The class dashboard and the school overview at scale, on SQLite and on PostgreSQL: server
// time of the same data functions their page loads call.
// Goals: class dashboard p95 ≤ 50 ms, school overview p95 ≤ 300 ms.
// BENCH_SCALE=foundation (default: 30 schools, 10,000 pupils, ~3 M answers) or national
// (300 schools, 100,000 pupils, ~30 M answers). The data is made once and kept:
// BENCH_DATABASE_PATH (default ./data/bench-<scale>.db) and BENCH_POSTGRES (default
// postgres://denkna:denkna@127.0.0.1:5432/denkna_bench_<scale>; skipped, saying so, when
// PostgreSQL can't be reached). BENCH_DATABASES=sqlite or postgres runs only one.
import path from 'node:path';
import { openConfigured } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { classDashboard } from '../src/lib/server/dashboard/class.ts';
import { schoolOverview } from '../src/lib/server/dashboard/school.ts';
import { classForTeacher } from '../src/lib/server/classes.ts';
import { schoolOf } from '../src/lib/server/schools.ts';
import { fileMigrations } from '../scripts/lib/migrations.ts';
import { SCALES, hasScale, isScale, seedScale } from '../scripts/lib/scale.ts';
import { targetEnv, type Target } from '../scripts/lib/target.ts';
import { postgresTarget } from './lib/postgres.ts';

const scale = process.env.BENCH_SCALE || 'foundation';
if (!isScale(scale)) throw new Error(`BENCH_SCALE: foundation of national, niet "${scale}"`);
const library = loadLessonLibrary(path.resolve('lessons'));
// At national scale a sample: every class and school would take many minutes.
const MAX_CLASSES = 300;
const MAX_SCHOOLS = 30;

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function report(name: string, times: number[], goal: number) {
	const sorted = [...times].sort((a, b) => a - b);
	const p50 = percentile(sorted, 50);
	const p95 = percentile(sorted, 95);
	console.log(
		`${name.padEnd(18)} n=${String(times.length).padStart(4)}  p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  max ${sorted.at(-1)!.toFixed(1).padStart(6)} ms  (doel p95 ≤ ${goal} ms: ${p95 <= goal ? 'gehaald' : 'NIET gehaald'})`
	);
}

/** Every n-th item, so a sample spreads over all schools. */
const spread = <T>(list: T[], max: number) =>
	list.length <= max ? list : list.filter((_, i) => i % Math.ceil(list.length / max) === 0);

async function bench(label: string, target: Target) {
	console.log(`\n--- ${label}, schaal ${scale} ---`);
	if (!(await hasScale(target, scale as 'foundation'))) {
		const { schools, pupils } = SCALES[scale as 'foundation'];
		console.log(`${schools} scholen, ${pupils} leerlingen aanmaken (eenmalig)...`);
		const started = performance.now();
		const made = await seedScale(target, library, {
			scale: scale as 'foundation',
			log: (l) => console.log(`  ${l}`)
		});
		console.log(
			`  ${made.answers.toLocaleString('nl-NL')} antwoorden in ${Math.round((performance.now() - started) / 1000)} s`
		);
	}
	const db = openConfigured(targetEnv(target));
	await migrateToLatest(db, await fileMigrations());
	try {
		const count = async (table: 'answer' | 'pupil') =>
			Number(
				(
					await db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		console.log(`${await count('pupil')} leerlingen, ${await count('answer')} antwoorden`);

		const classes = spread(
			await db
				.selectFrom('class')
				.innerJoin('class_teacher', 'class_teacher.class_id', 'class.id')
				.innerJoin('user', 'user.id', 'class_teacher.user_id')
				.select(['class.id', 'user.id as userId', 'user.role', 'user.school_id'])
				.where('class.archived_at', 'is', null)
				.orderBy('class.id')
				.execute(),
			MAX_CLASSES
		);
		// Warm up: the first queries pay for opening pages of the file or the server's cache.
		for (const c of classes.slice(0, 5)) {
			const klas = (await classForTeacher(
				db,
				{ id: c.userId, role: c.role, schoolId: c.school_id! },
				c.id
			))!;
			await classDashboard(db, library, klas, 'generiek');
		}
		// The class dashboard load: the class guard, the school's protocol, then the dashboard.
		const classTimes: number[] = [];
		for (let round = 0; round < 2; round++)
			for (const c of classes) {
				const t = performance.now();
				const user = { id: c.userId, role: c.role, schoolId: c.school_id! };
				const klas = (await classForTeacher(db, user, c.id))!;
				const school = await schoolOf(db, user.schoolId);
				await classDashboard(db, library, klas, school.protocol_id);
				classTimes.push(performance.now() - t);
			}
		report('klasdashboard', classTimes, 50);

		const schools = spread(
			await db.selectFrom('school').select(['id', 'protocol_id']).orderBy('id').execute(),
			MAX_SCHOOLS
		);
		const schoolTimes: number[] = [];
		for (let round = 0; round < 3; round++)
			for (const s of schools) {
				const t = performance.now();
				const school = await schoolOf(db, s.id);
				await schoolOverview(db, library, { id: school.id, protocolId: school.protocol_id });
				schoolTimes.push(performance.now() - t);
			}
		report('schooloverzicht', schoolTimes, 300);
	} finally {
		await db.destroy();
	}
}

const only = process.env.BENCH_DATABASES;
if (!only || only === 'sqlite')
	await bench('SQLite', {
		file: process.env.BENCH_DATABASE_PATH || `./data/bench-${scale}.db`
	});
if (!only || only === 'postgres') {
	const target = await postgresTarget(`denkna_bench_${scale}`);
	if (target) await bench('PostgreSQL', target);
}
