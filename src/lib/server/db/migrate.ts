import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres, type DB } from './index.ts';

/** Migrations as a map of file name to module, however they were found. */
export type MigrationModules = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
	constructor(private readonly modules: MigrationModules) {}
	async getMigrations() {
		return this.modules;
	}
}

/**
 * Brings the database to the newest migration; throws with the failing migration's name.
 * Several app nodes may start at once: on PostgreSQL Kysely holds an advisory lock while it
 * migrates, so one node migrates and the others find the work done.
 */
export async function migrateToLatest(db: DB, modules: MigrationModules): Promise<string[]> {
	// Kysely looks for its own tables in every schema unless told which one: the schema the
	// connection works in (the first of its search_path).
	const schema = isPostgres(db)
		? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
		: undefined;
	const migrator = new Migrator({
		db,
		provider: new StaticProvider(modules),
		...(schema ? { migrationTableSchema: schema } : {})
	});
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
