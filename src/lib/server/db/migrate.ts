import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './index.ts';

/** Migrations as a map of file name to module, however they were found. */
export type MigrationModules = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
	constructor(private readonly modules: MigrationModules) {}
	async getMigrations() {
		return this.modules;
	}
}

/** Brings the database to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB, modules: MigrationModules): Promise<string[]> {
	const migrator = new Migrator({ db, provider: new StaticProvider(modules) });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
	}
	return (results ?? []).map((r) => r.migrationName);
}

/** The migrations in migrations/, bundled by Vite into the server build. */
export function bundledMigrations(): MigrationModules {
	const files = import.meta.glob<Migration>('../../../../migrations/*.ts', { eager: true });
	return Object.fromEntries(
		Object.entries(files).map(([file, mod]) => [
			file.replace(/^.*\//, '').replace(/\.ts$/, ''),
			mod
		])
	);
}
