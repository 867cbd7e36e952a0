// Builds the app when needed and starts the production server (scripts/serve.js around
// adapter-node's build/).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function ensureBuild(force = false): void {
	if (!force && fs.existsSync('build/index.js')) return;
	console.log('De app wordt gebouwd (eenmalig, ongeveer een minuut)...');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('Bouwen is mislukt.');
		process.exit(result.status ?? 1);
	}
}

export function serve(env: Record<string, string>): void {
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production', ...env }
	});
	const stop = () => child.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', (code) => process.exit(code ?? 0));
}
