// npm run demo: builds the app if needed, creates a demo school (once) and serves it.
import { openConfigured } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { codePictureFor } from '../src/lib/pictures.ts';
import { fileMigrations } from './lib/migrations.ts';
import { DEMO_LOGINS, seedDemo } from './lib/seed.ts';
import { ensureBuild, serve } from './lib/server.ts';
import { lanUrls } from './lib/lan.js';
import { SCALES, SCALE_PASSWORD, isScale, seedScale, type Scale } from './lib/scale.ts';
import { targetEnv, withoutPassword, type Target } from './lib/target.ts';

const scaleArg = process.argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length);
if (scaleArg !== undefined && !isScale(scaleArg)) {
	console.error(`Onbekende schaal "${scaleArg}". Gebruik --scale=foundation of --scale=national.`);
	process.exit(1);
}
const scale = scaleArg as Scale | undefined;
// DATABASE_URL: the demo on PostgreSQL (an empty database, or one this demo filled before).
const url = process.env.DATABASE_URL;
const file = process.env.DATABASE_PATH || (scale ? `./data/${scale}.db` : './data/demo.db');
const target: Target = url ? { url } : { file };
const where = url ? withoutPassword(url) : file;
const port = process.env.PORT || '3000';
// Links printed here use ORIGIN, else the first LAN address: what a Chromebook in class can
// reach. The pages themselves use the address they were opened at (auth/origin.ts).
const base = (process.env.ORIGIN || lanUrls(port)[0] || `http://localhost:${port}`).replace(
	/\/$/,
	''
);
const lessonsDir = process.env.LESSONS_DIR || 'lessons';

ensureBuild(process.argv.includes('--rebuild'));

const db = openConfigured(targetEnv(target));
await migrateToLatest(db, await fileMigrations());
const fresh = !(await db.selectFrom('school').select('id').limit(1).executeTakeFirst());
if (fresh && scale) {
	const { schools, pupils } = SCALES[scale];
	console.log(
		`${schools} scholen en ${pupils.toLocaleString('nl-NL')} leerlingen aanmaken in ${where}...`
	);
	await db.destroy();
	const started = performance.now();
	const made = await seedScale(target, loadLessonLibrary(lessonsDir), { scale, log: console.log });
	console.log(
		`${made.answers.toLocaleString('nl-NL')} antwoorden in ${Math.round((performance.now() - started) / 1000)} s`
	);
} else if (fresh) {
	console.log(`Demoschool aanmaken in ${where}...`);
	await seedDemo(db, loadLessonLibrary(lessonsDir));
}
const dbNow = fresh && scale ? openConfigured(targetEnv(target)) : db;
const classes = await dbNow
	.selectFrom('class')
	.select(['id', 'name', 'login_token', 'login_theme'])
	.orderBy('id')
	.limit(scale ? 4 : 100)
	.execute();
const pupil = classes[0]
	? await dbNow
			.selectFrom('pupil')
			.select(['display_name', 'picture_code'])
			.where('class_id', '=', classes[0].id)
			.orderBy('id')
			.executeTakeFirst()
	: undefined;
await dbNow.destroy();

const line = '─'.repeat(64);
console.log(`\n${line}\nDenkNa demo: ${base}\n${line}`);
if (scale) {
	console.log(`Leraar:          leraar1@school1.test / ${SCALE_PASSWORD} (leraarN@schoolM.test)`);
	console.log(`Schoolbeheerder: beheer@school1.test / ${SCALE_PASSWORD} (beheer@schoolM.test)`);
} else {
	console.log(`Leraar:          ${DEMO_LOGINS.teacher.email} / ${DEMO_LOGINS.teacher.password}`);
	console.log(`Schoolbeheerder: ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}`);
	console.log(`Ouder:           ${DEMO_LOGINS.parent.email} / ${DEMO_LOGINS.parent.password}`);
}
for (const c of classes) console.log(`Klaslink ${c.name.padEnd(9)} ${base}/klas/${c.login_token}`);
if (pupil)
	console.log(
		`Leerling:        tik "${pupil.display_name}" en dan ${pupil.picture_code
			.split(',')
			.map((id) => codePictureFor(classes[0]!.login_theme, id)?.label ?? id)
			.join(', ')}`
	);
console.log(
	url
		? `Database:        ${where} (PostgreSQL)\n${line}\n`
		: `Database:        ${file} (verwijder dit bestand voor een nieuwe demo)\n${line}\n`
);

serve({
	PORT: port,
	...(url ? { DATABASE_URL: url } : { DATABASE_PATH: file }),
	LESSONS_DIR: lessonsDir
});
