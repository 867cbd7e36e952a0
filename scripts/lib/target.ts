// Where a script's rows go: a SQLite file or a PostgreSQL database by URL, and how a server
// process or openConfigured is told so.
export type Target = { file: string } | { url: string };

/** The environment that makes openConfigured (and a server process) open `t`. */
export const targetEnv = (t: Target) =>
	'url' in t ? { DATABASE_URL: t.url } : { DATABASE_PATH: t.file, DATABASE_URL: undefined };

/** A database URL fit to print: the password replaced by ***. */
export const withoutPassword = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
