// The class dashboard and the school overview at foundation scale (30 schools, 10,000 pupils,
// ~3 million answers): server time of the same data functions their page loads call.
// Goals: class dashboard p95 ≤ 50 ms, school overview p95 ≤ 300 ms.
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { classDashboard } from '../src/lib/server/dashboard/class.ts';
import { schoolOverview } from '../src/lib/server/dashboard/school.ts';
import { classForTeacher } from '../src/lib/server/classes.ts';
import { schoolOf } from '../src/lib/server/schools.ts';
import { fileMigrations } from '../scripts/lib/migrations.ts';
import { hasFoundation, seedFoundation } from '../scripts/lib/scale.ts';

const file = process.env.BENCH_DATABASE_PATH || './data/bench-foundation.db';
const library = loadLessonLibrary(path.resolve('lessons'));

if (!hasFoundation(file)) {
	console.log(`Stichting op schaal aanmaken in ${file} (eenmalig)...`);
	const started = performance.now();
	const made = await seedFoundation(file, library, { log: (l) => console.log(`  ${l}`) });
	console.log(
		`  ${made.answers.toLocaleString('nl-NL')} antwoorden, ${made.pupils} leerlingen, ${made.schools} scholen in ${Math.round((performance.now() - started) / 1000)} s`
	);
}
const db = openDatabase(file);
await migrateToLatest(db, await fileMigrations());

const counts = await db
	.selectFrom('answer')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
const pupils = await db
	.selectFrom('pupil')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
console.log(`Database: ${file}: ${Number(pupils.n)} leerlingen, ${Number(counts.n)} antwoorden`);

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

const classes = await db
	.selectFrom('class')
	.innerJoin('class_teacher', 'class_teacher.class_id', 'class.id')
	.innerJoin('user', 'user.id', 'class_teacher.user_id')
	.select(['class.id', 'user.id as userId', 'user.role', 'user.school_id'])
	.where('class.archived_at', 'is', null)
	.execute();

// Warm up: the first queries pay for opening pages of the file.
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

const schools = await db.selectFrom('school').select(['id', 'protocol_id']).execute();
const schoolTimes: number[] = [];
for (let round = 0; round < 3; round++)
	for (const s of schools) {
		const t = performance.now();
		const school = await schoolOf(db, s.id);
		await schoolOverview(db, library, { id: school.id, protocolId: school.protocol_id });
		schoolTimes.push(performance.now() - t);
	}
report('schooloverzicht', schoolTimes, 300);
await db.destroy();
