// Pupil pages on school Wi-Fi: bytes on the wire for a lesson (first view and each next step)
// and Lighthouse's mobile performance score. Prints figures; targets: ≤ 100 KB first view,
// ≤ 15 KB per next step, Lighthouse performance ≥ 95. The service worker's install (the app
// shell and pictures it keeps for offline use) runs in the worker, not in the page, so the
// page's figures leave it out; it is printed apart, as it also crosses the Wi-Fi once per
// version of the app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { loadLessonLibrary } from '../src/lib/server/lessons.ts';
import { addPupils, assignLesson, createClass } from '../src/lib/server/classes.ts';
import { setupSchool } from '../src/lib/server/schools.ts';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session.ts';
import { isScored, type Band, type Lesson } from '../src/lib/lessons/schema.ts';
import { rightChoice } from '../src/lib/activities/index.ts';
import { fillAndSubmit } from '../tests/helpers/form.ts';
import { fileMigrations } from '../scripts/lib/migrations.ts';
import { ensureBuild } from '../scripts/lib/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

ensureBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-bench-'));
const file = path.join(dir, 'bench.db');
const db = openDatabase(file);
await migrateToLatest(db, await fileMigrations());
const library = loadLessonLibrary('lessons');
const { schoolId, adminId } = await setupSchool(db, {
	foundation: 'Bench',
	school: 'Bench',
	adminName: 'A',
	email: 'a@bench.test',
	password: 'bench-wachtwoord',
	protocolId: 'juliana'
});

const port = await new Promise<number>((resolve) => {
	const srv = net.createServer().listen(0, '127.0.0.1', () => {
		const { port } = srv.address() as net.AddressInfo;
		srv.close(() => resolve(port));
	});
});
const base = `http://localhost:${port}`;
const server = spawn(process.execPath, ['build/index.js'], {
	env: {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_PATH: file,
		ORIGIN: base
	},
	stdio: 'ignore'
});
for (let i = 0; i < 100; i++) {
	try {
		if ((await fetch(`${base}/login`)).ok) break;
	} catch {
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function pupilCookie(band: Band, lesson: Lesson) {
	const classId = await createClass(db, { schoolId, teacherId: adminId, name: band, band });
	const [pupil] = await addPupils(db, classId, ['Sam B.']);
	await assignLesson(db, classId, lesson.id, adminId);
	const token = generateSessionToken();
	await createSession(db, token, { pupilId: pupil!.id });
	return token;
}

/** Bytes received (compressed, headers included) while `action` runs and the network settles. */
async function bytesDuring(page: Page, action: () => Promise<void>) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	let bytes = 0;
	const urls = new Map<string, string>();
	cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
	cdp.on('Network.loadingFinished', (e) => {
		bytes += e.encodedDataLength;
		if (process.env.BENCH_VERBOSE)
			console.log(`    ${kb(e.encodedDataLength).padStart(9)}  ${urls.get(e.requestId)}`);
	});
	await action();
	await page.waitForLoadState('networkidle');
	await cdp.detach();
	return bytes;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.slice(1) });
const lighthouseTargets: { label: string; url: string; token: string }[] = [];

for (const band of ['groep-3-4', 'vo-1-3'] as const) {
	const lesson = library.lessons.find((l) => l.band === band)!;
	const token = await pupilCookie(band, lesson);
	const url = `${base}/leerling/les/${lesson.id}`;
	lighthouseTargets.push({ label: `${band} ${lesson.id}`, url, token });
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	await context.addCookies([{ name: 'denkna_session', value: token, url: base }]);
	const worker = { bytes: 0, files: 0, sizes: [] as Promise<unknown>[] };
	context.on('requestfinished', (request) => {
		if (!request.serviceWorker()) return;
		worker.files++;
		worker.sizes.push(
			request.sizes().then((s) => (worker.bytes += s.responseBodySize + s.responseHeadersSize))
		);
	});
	const page = await context.newPage();
	const first = await bytesDuring(page, async () => {
		await page.goto(url);
	});
	await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
	await page.evaluate(() => navigator.serviceWorker.ready);
	await Promise.all(worker.sizes);
	const steps: number[] = [];
	for (let i = 0; i < lesson.steps.length - 1; i++) {
		const step = lesson.steps[i]!;
		steps.push(
			await bytesDuring(page, async () => {
				if (isScored(step)) {
					await fillAndSubmit(page.locator('form#answer'), step, rightChoice(step));
				}
				await page.getByRole('button', { name: /Verder/ }).click();
				await page.locator(`article.step[data-step="${lesson.steps[i + 1]!.id}"]`).waitFor();
			})
		);
	}
	console.log(`${band}, les ${lesson.id} (${lesson.steps.length} stappen)`);
	console.log(`  eerste keer bekijken:   ${kb(first)}  (doel ≤ 100 KB)`);
	console.log(
		`  service worker:         ${kb(worker.bytes)} in ${worker.files} bestanden, op de achtergrond, eenmalig per versie`
	);
	console.log(
		`  per volgende stap:      gemiddeld ${kb(steps.reduce((a, b) => a + b, 0) / steps.length)}, hoogstens ${kb(Math.max(...steps))}  (doel ≤ 15 KB)`
	);
	await context.close();
}
await browser.close();

try {
	for (const target of lighthouseTargets) {
		// A fresh browser per page, so one pupil's cookie never leaks into the next run.
		const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
		const result = await lighthouse(target.url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance'],
			extraHeaders: { Cookie: `denkna_session=${target.token}` }
		});
		const lhr = result!.lhr;
		if (lhr.runtimeError)
			console.log(
				`Lighthouse ${target.label}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`
			);
		const audit = (id: string) => lhr.audits[id]?.displayValue ?? '?';
		chrome.kill();
		console.log(
			`Lighthouse (mobiel) ${target.label}: performance ${Math.round((lhr.categories.performance!.score ?? 0) * 100)} (doel ≥ 95); FCP ${audit('first-contentful-paint')}, LCP ${audit('largest-contentful-paint')}, TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')}`
		);
	}
} finally {
	server.kill();
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
}
