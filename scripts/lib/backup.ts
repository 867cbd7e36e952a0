// Online backup and checked restore of the one SQLite file. Tooling only, never loaded by the app.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * A consistent copy while the server runs and pupils write. VACUUM INTO reads one snapshot
 * (WAL lets writers go on meanwhile); SQLite's page-by-page online backup instead starts over
 * whenever another connection writes, and under a class's answers never finishes.
 */
export function backupDatabase(source: string, target: string): { bytes: number; ms: number } {
	if (!fs.existsSync(source)) throw new Error(`Database ${source} bestaat niet.`);
	const started = performance.now();
	fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
	const partial = `${target}.deel`;
	fs.rmSync(partial, { force: true });
	const db = new SQLite(source, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 10000');
		db.prepare('VACUUM INTO ?').run(partial);
	} finally {
		db.close();
	}
	const problem = checkDatabase(partial);
	if (problem) {
		fs.rmSync(partial, { force: true });
		throw new Error(`De kopie is niet in orde: ${problem}`);
	}
	// Only a complete, checked copy gets the name: a half-written file never looks like a backup.
	fs.renameSync(partial, target);
	return { bytes: fs.statSync(target).size, ms: Math.round(performance.now() - started) };
}

/** Why this file can't be restored, or null: not SQLite, damaged, or from a newer DenkNa. */
export function checkDatabase(file: string, knownMigrations?: string[]): string | null {
	if (!fs.existsSync(file)) return `${file} bestaat niet.`;
	let db: SQLite.Database;
	try {
		db = new SQLite(file, { readonly: true, fileMustExist: true });
	} catch (error) {
		return `${file} is geen SQLite-database (${(error as Error).message}).`;
	}
	try {
		const check = db.pragma('integrity_check') as { integrity_check: string }[];
		if (check.length !== 1 || check[0]!.integrity_check !== 'ok')
			return `integrity_check meldt: ${check.map((r) => r.integrity_check).join('; ')}`;
		const table = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
			.get();
		if (!table) return 'dit is geen DenkNa-database (de tabel met migraties ontbreekt).';
		if (!knownMigrations) return null;
		const applied = (
			db.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]
		).map((r) => r.name);
		const unknown = applied.filter((m) => !knownMigrations.includes(m));
		if (unknown.length)
			return `deze kopie komt van een nieuwere DenkNa (onbekende migraties: ${unknown.join(', ')}). Werk DenkNa eerst bij.`;
		return null;
	} catch (error) {
		return `${file} kan niet gelezen worden (${(error as Error).message}).`;
	} finally {
		db.close();
	}
}

/**
 * Puts a checked backup in place of a stopped server's database. The old file is kept next
 * to it (…voor-herstel-<time>), and stale -wal/-shm files go, or SQLite would replay them.
 */
export function restoreDatabase(
	backup: string,
	target: string,
	knownMigrations: string[],
	now = new Date()
): { kept: string | null } {
	const problem = checkDatabase(backup, knownMigrations);
	if (problem) throw new Error(problem);
	if (fs.existsSync(`${target}-wal`) && fs.statSync(`${target}-wal`).size > 0)
		throw new Error(
			`${target}-wal bestaat: draait de server nog? Stop DenkNa eerst (herstel met --force als hij echt gestopt is).`
		);
	fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
	const incoming = `${target}.herstel`;
	fs.copyFileSync(backup, incoming);
	let kept: string | null = null;
	if (fs.existsSync(target)) {
		kept = `${target}.voor-herstel-${now.toISOString().replace(/[:.]/g, '-')}`;
		fs.renameSync(target, kept);
	}
	for (const extra of ['-wal', '-shm']) fs.rmSync(target + extra, { force: true });
	fs.renameSync(incoming, target);
	return { kept };
}
