// Scripts run under tsx, without Vite's import.meta.glob: read migrations/ from disk.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';
import type { MigrationModules } from '../../src/lib/server/db/migrate.ts';

export async function fileMigrations(dir = path.resolve('migrations')): Promise<MigrationModules> {
	const modules: MigrationModules = {};
	for (const file of fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.ts'))
		.sort()) {
		modules[file.replace(/\.ts$/, '')] = (await import(
			pathToFileURL(path.join(dir, file)).href
		)) as Migration;
	}
	return modules;
}
