// Writes Atkinson Hyperlegible Next (SIL OFL 1.1, via @fontsource) into src/lib/fonts/ with
// its @font-face rules (fonts.css). Every pupil page downloads the Latin files, so they are
// trimmed to the characters Dutch text uses; names with ş, ğ, Ł ... use the latin-ext files,
// which the browser fetches only when a page has such a letter (unicode-range).
// Run when the range below changes (npm run fonts); the output is committed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as prettier from 'prettier';
import subsetFont from 'subset-font';

// ASCII, Latin-1 (é, ë, ï, ç, ñ, ß ...), ı and œ, the quotes, dashes, ellipsis and bullet of
// typed text, the euro sign.
const LATIN_RANGE =
	'U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2122,U+2212';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('@fontsource/atkinson-hyperlegible-next/package.json'));
const ranges = JSON.parse(fs.readFileSync(path.join(root, 'unicode.json'), 'utf8')) as Record<
	string,
	string
>;
const OUT = 'src/lib/fonts';

/** Every character in a CSS unicode-range such as "U+0020-007E,U+00A0". */
function characters(range: string): string {
	let text = '';
	for (const part of range.split(',')) {
		const [from, to = from] = part.replace(/U\+/g, '').split('-');
		for (let c = parseInt(from!, 16); c <= parseInt(to!, 16); c++) text += String.fromCodePoint(c);
	}
	return text;
}

function fontFace(file: string, weight: number, range: string) {
	return (
		`@font-face {\n\tfont-family: 'Atkinson Hyperlegible Next';\n\tfont-style: normal;\n` +
		`\tfont-display: swap;\n\tfont-weight: ${weight};\n` +
		`\tsrc: url(./${file}) format('woff2');\n\tunicode-range: ${range};\n}\n`
	);
}

let css = '/* Made by scripts/fonts.ts (npm run fonts). */\n';
for (const weight of [400, 700]) {
	const source = (subset: string) =>
		path.join(root, 'files', `atkinson-hyperlegible-next-${subset}-${weight}-normal.woff2`);
	const latin = `atkinson-hyperlegible-next-latin-${weight}.woff2`;
	const original = fs.readFileSync(source('latin'));
	const trimmed = await subsetFont(original, characters(LATIN_RANGE), { targetFormat: 'woff2' });
	fs.writeFileSync(path.join(OUT, latin), trimmed);
	console.log(`${latin}: ${original.length} → ${trimmed.length} bytes`);
	const ext = `atkinson-hyperlegible-next-latin-ext-${weight}.woff2`;
	fs.copyFileSync(source('latin-ext'), path.join(OUT, ext));
	css += fontFace(ext, weight, ranges['latin-ext']!) + fontFace(latin, weight, LATIN_RANGE);
}
const cssFile = path.join(OUT, 'fonts.css');
const options = await prettier.resolveConfig(cssFile);
fs.writeFileSync(cssFile, await prettier.format(css, { ...options, filepath: cssFile }));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(OUT, 'LICENSE'));
