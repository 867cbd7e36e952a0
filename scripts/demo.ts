// npm run demo: builds the app if needed, creates a demo school (once) and serves it.
import fs from 'node:fs';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { codePictureById } from '../src/lib/pictures.ts';
import { fileMigrations } from './lib/migrations.ts';
import { DEMO_LOGINS, seedDemo } from './lib/seed.ts';
import { ensureBuild, serve } from './lib/server.ts';

const file = process.env.DATABASE_PATH || './data/demo.db';
const port = process.env.PORT || '3000';
const base = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/$/, '');
const lessonsDir = process.env.LESSONS_DIR || 'lessons';

ensureBuild(process.argv.includes('--rebuild'));

const fresh = !fs.existsSync(file);
const db = openDatabase(file);
await migrateToLatest(db, await fileMigrations());
if (fresh) {
	console.log(`Demoschool aanmaken in ${file}...`);
	await seedDemo(db, loadLessonLibrary(lessonsDir));
}
const classes = await db
	.selectFrom('class')
	.select(['id', 'name', 'login_token'])
	.orderBy('id')
	.execute();
const pupil = classes[0]
	? await db
			.selectFrom('pupil')
			.select(['display_name', 'picture_code'])
			.where('class_id', '=', classes[0].id)
			.orderBy('id')
			.executeTakeFirst()
	: undefined;
await db.destroy();

const line = '─'.repeat(64);
console.log(`\n${line}\nDenkNa demo: ${base}\n${line}`);
console.log(`Leraar:          ${DEMO_LOGINS.teacher.email} / ${DEMO_LOGINS.teacher.password}`);
console.log(`Schoolbeheerder: ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}`);
console.log(`Ouder:           ${DEMO_LOGINS.parent.email} / ${DEMO_LOGINS.parent.password}`);
for (const c of classes) console.log(`Klaslink ${c.name.padEnd(9)} ${base}/klas/${c.login_token}`);
if (pupil)
	console.log(
		`Leerling:        tik "${pupil.display_name}" en dan ${pupil.picture_code
			.split(',')
			.map((id) => codePictureById.get(id)?.label ?? id)
			.join(', ')}`
	);
console.log(`Database:        ${file} (verwijder dit bestand voor een nieuwe demo)\n${line}\n`);

serve({
	PORT: port,
	DATABASE_PATH: file,
	LESSONS_DIR: lessonsDir,
	ORIGIN: base,
	DENKNA_INSECURE_COOKIES: '1'
});
