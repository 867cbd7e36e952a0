// npm start: serves the production build against DATABASE_PATH (default ./data/denkna.db).
// The server migrates the database when it starts; an empty database shows the first-run page.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('build/index.js')) {
	console.log('Nog geen build gevonden: de app wordt eerst gebouwd...');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
await import('./serve.js');
