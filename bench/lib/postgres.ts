// The benchmarks' PostgreSQL: BENCH_POSTGRES (a URL), else a database of that name on the
// server .ci/run starts (role denkna). It is made when missing; null, saying so, when the
// server can't be reached.
import pg from 'pg';
import { withoutPassword } from '../../scripts/lib/target.ts';

const SERVER = 'postgres://denkna:denkna@127.0.0.1:5432';

export async function postgresTarget(name: string): Promise<{ url: string } | null> {
	const url = process.env.BENCH_POSTGRES || `${SERVER}/${name}`;
	const shown = withoutPassword(url);
	if (await reachable(url)) return { url };
	if (!process.env.BENCH_POSTGRES) {
		// The server is there but the database not yet: make it.
		const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
		try {
			await admin.connect();
			await admin.query(`create database "${name}"`);
			return { url };
		} catch (error) {
			console.log(`PostgreSQL ${shown}: ${(error as Error).message}`);
		} finally {
			await admin.end().catch(() => {});
		}
	}
	console.log(`PostgreSQL op ${shown} is niet bereikbaar: OVERGESLAGEN (zet BENCH_POSTGRES).`);
	return null;
}

async function reachable(url: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}
