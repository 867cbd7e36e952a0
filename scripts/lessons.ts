// npm run lessons -- check | report [--json]
import path from 'node:path';
import { BANDS } from '../src/lib/lessons/schema.ts';
import { loadLessonLibrary, LessonFileError } from '../src/lib/server/lessons.ts';
import { libraryProblems, libraryReport } from './lib/lessons-report.ts';

const [command, ...flags] = process.argv.slice(2);
const dir = path.resolve(process.env.LESSONS_DIR || 'lessons');

function load() {
	try {
		return loadLessonLibrary(dir);
	} catch (error) {
		if (error instanceof LessonFileError) {
			console.error(`✗ ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
}

if (command === 'check') {
	const library = load();
	const problems = libraryProblems(library);
	for (const p of problems) console.error(`✗ ${p.file}: ${p.message}`);
	const rules = library.protocols.reduce((n, p) => n + p.rules.length, 0);
	console.log(
		`${library.lessons.length} lessen, ${library.quizzes.length} quizzen, ${library.protocols.length} protocollen met ${rules} regels, ${library.goals.length} kerndoelen.`
	);
	if (problems.length) {
		console.error(`${problems.length} probleem/problemen gevonden.`);
		process.exit(1);
	}
	console.log('Alles in orde.');
} else if (command === 'report') {
	const library = load();
	const report = libraryReport(library);
	if (flags.includes('--json')) {
		process.stdout.write(JSON.stringify(report, null, 2) + '\n');
	} else {
		for (const band of BANDS) {
			const lessons = report.lessons.filter((l) => l.band === band);
			console.log(`\n${band}: ${lessons.length} lessen`);
			for (const l of lessons)
				console.log(
					`  ${l.id.padEnd(36)} ${String(l.minutes).padStart(2)} min  ${l.steps.length} stappen  Douma ${l.readability.douma}, ${l.readability.wordsPerSentence} w/zin  [${l.goals.join(' ')}]`
				);
			const quizzes = report.quizzes.filter((q) => q.band === band);
			for (const q of quizzes)
				console.log(
					`  quiz ${q.form} (${q.form === 'a' ? 'voortoets' : 'natoets'}): ${q.id}, ${q.questions.length} vragen  ${q.file}`
				);
			if (!quizzes.length) console.log('  quiz: geen');
			const bias = report.bias[band];
			const pct = (x: number) => `${Math.round(x * 100)}%`;
			console.log(
				`  goede keuze per plek (${bias.scenarios} scenario's met 3+ keuzes): ${bias.positions.map((p) => `${p.position}: ${pct(p.share)}`).join(', ') || '-'}; de langste: ${pct(bias.longest.share)}; waar/niet waar: ${bias.waarNietWaar.waar}/${bias.waarNietWaar.nietWaar}`
			);
		}
		console.log('\nRegels:');
		for (const r of report.rules) {
			const uncovered = r.bands.filter(
				(b) => !r.coveredBy.some((id) => report.lessons.find((l) => l.id === id)?.band === b)
			);
			const mark = uncovered.length ? `✗ niet gedekt in ${uncovered.join(', ')}` : '✓';
			console.log(`  ${r.id.padEnd(44)} ${mark}  ${r.coveredBy.join(', ')}`);
		}
		const problems = libraryProblems(library);
		console.log(
			problems.length ? `\n${problems.length} problemen (zie lessons check)` : '\nGeen problemen.'
		);
	}
} else {
	console.error('Gebruik: npm run lessons -- check | report [--json]');
	process.exit(2);
}
