// npm run bench: runs every benchmark in bench/ (or the ones named: npm run bench -- dashboard)
// and prints their figures. Benchmarks measure; they do not pass or fail a build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const files = fs
	.readdirSync('bench')
	.filter((f) => f.endsWith('.ts'))
	.filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
	.sort();
if (files.length === 0) {
	console.error('Geen benchmarks gevonden in bench/.');
	process.exit(1);
}
let failed = 0;
for (const file of files) {
	console.log(`\n=== ${file} ===`);
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], {
		stdio: 'inherit'
	});
	if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
